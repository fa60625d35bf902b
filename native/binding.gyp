{
  "variables": {
    "ts_lib": "<!(node -p \"require('path').join(require('path').dirname(require.resolve('tree-sitter/package.json')), 'vendor', 'tree-sitter', 'lib')\")"
  },
  "targets": [
    {
      "target_name": "pyvet_flat_tree",
      "sources": ["flat_tree.c", "runtime.c"],
      "include_dirs": ["<(ts_lib)/include", "<(ts_lib)/src"],
      "defines": ["NAPI_VERSION=8", "_POSIX_C_SOURCE=200112L", "_DEFAULT_SOURCE"],
      "cflags_c": ["-std=c11", "-O2", "-fvisibility=hidden"]
    }
  ]
}
