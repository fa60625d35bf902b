/*
 * pyvet's native part: parse Python text with tree-sitter and hand the whole tree to
 * JavaScript at once, as flat arrays (one entry per node, in document order), then free
 * the tree. Checks then read types, spans, parents and fields from those arrays without a
 * call into native code per node, and no native tree waits for the garbage collector.
 *
 * The grammar is tree-sitter-python's own (its binding exports the TSLanguage pointer); the
 * runtime is the tree-sitter library vendored by the `tree-sitter` package, compiled in here.
 */
#include <node_api.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <tree_sitter/api.h>

typedef struct {
  TSParser *parser;
  const TSLanguage *language;
  char16_t *text;
  size_t text_capacity;
  uint32_t *stack;
  size_t stack_capacity;
} State;

#define CALL(env, expr)                                                                  \
  do {                                                                                   \
    if ((expr) != napi_ok) {                                                             \
      napi_throw_error((env), NULL, "pyvet native: " #expr " failed");                   \
      return NULL;                                                                       \
    }                                                                                    \
  } while (0)

enum { NAMED = 1, MISSING = 2, EXTRA = 4, HAS_ERROR = 8, IS_ERROR = 16 };

static void free_state(napi_env env, void *data, void *hint) {
  (void)env;
  (void)hint;
  State *s = data;
  if (s->parser) ts_parser_delete(s->parser);
  free(s->text);
  free(s->stack);
  free(s);
}

static State *state_of(napi_env env) {
  State *s = NULL;
  if (napi_get_instance_data(env, (void **)&s) != napi_ok) return NULL;
  return s;
}

/* setLanguage(external): the TSLanguage that tree-sitter-python's binding exports. */
static napi_value set_language(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  CALL(env, napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  napi_valuetype t;
  CALL(env, napi_typeof(env, argv[0], &t));
  if (argc < 1 || t != napi_external) {
    napi_throw_type_error(env, NULL, "setLanguage expects tree-sitter-python's language");
    return NULL;
  }
  void *language = NULL;
  CALL(env, napi_get_value_external(env, argv[0], &language));
  State *s = state_of(env);
  if (!s) {
    napi_throw_error(env, NULL, "pyvet native: no state");
    return NULL;
  }
  if (!ts_parser_set_language(s->parser, (const TSLanguage *)language)) {
    napi_throw_error(env, NULL, "tree-sitter refused the language (ABI version mismatch)");
    return NULL;
  }
  s->language = (const TSLanguage *)language;
  return NULL;
}

static napi_value make_string(napi_env env, const char *s) {
  napi_value v;
  if (napi_create_string_utf8(env, s ? s : "", NAPI_AUTO_LENGTH, &v) != napi_ok) return NULL;
  return v;
}

/* names(): [symbolNames, fieldNames], indexed by symbol and field id. */
static napi_value names(napi_env env, napi_callback_info info) {
  (void)info;
  State *s = state_of(env);
  if (!s || !s->language) {
    napi_throw_error(env, NULL, "pyvet native: setLanguage first");
    return NULL;
  }
  uint32_t symbols = ts_language_symbol_count(s->language);
  uint32_t fields = ts_language_field_count(s->language);
  napi_value sym, fld, out;
  CALL(env, napi_create_array_with_length(env, symbols, &sym));
  for (uint32_t i = 0; i < symbols; i++) CALL(env, napi_set_element(env, sym, i, make_string(env, ts_language_symbol_name(s->language, (TSSymbol)i))));
  CALL(env, napi_create_array_with_length(env, fields + 1, &fld));
  for (uint32_t i = 0; i <= fields; i++) CALL(env, napi_set_element(env, fld, i, make_string(env, i ? ts_language_field_name_for_id(s->language, (TSFieldId)i) : "")));
  CALL(env, napi_create_array_with_length(env, 2, &out));
  CALL(env, napi_set_element(env, out, 0, sym));
  CALL(env, napi_set_element(env, out, 1, fld));
  return out;
}

/*
 * parse(text[, buffer]) -> ArrayBuffer, or null if tree-sitter gave no tree. The arrays are
 * written into `buffer` when it is large enough (the caller reuses one from file to file),
 * else into a new ArrayBuffer. Layout for n nodes:
 *   u32 n | u32 start[n] | u32 end[n] | i32 parent[n] | u32 after[n] | u16 symbol[n] |
 *   u16 field[n] | u8 flags[n]
 * start/end are UTF-16 code-unit offsets (JavaScript string indices); after[i] is the index
 * just past node i's last descendant; symbol is the alias-aware (visible) symbol.
 */
static napi_value parse(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  CALL(env, napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  State *s = state_of(env);
  if (!s || !s->language) {
    napi_throw_error(env, NULL, "pyvet native: setLanguage first");
    return NULL;
  }
  size_t length = 0;
  if (argc < 1 || napi_get_value_string_utf16(env, argv[0], NULL, 0, &length) != napi_ok) {
    napi_throw_type_error(env, NULL, "parse expects a string");
    return NULL;
  }
  if (length + 1 > s->text_capacity) {
    size_t cap = length + 1 < 65536 ? 65536 : length + 1;
    char16_t *p = realloc(s->text, cap * sizeof(char16_t));
    if (!p) {
      napi_throw_error(env, NULL, "pyvet native: out of memory");
      return NULL;
    }
    s->text = p;
    s->text_capacity = cap;
  }
  size_t copied = 0;
  CALL(env, napi_get_value_string_utf16(env, argv[0], s->text, s->text_capacity, &copied));

  TSTree *tree = ts_parser_parse_string_encoding(s->parser, NULL, (const char *)s->text, (uint32_t)(copied * 2), TSInputEncodingUTF16LE);
  if (!tree) {
    ts_parser_reset(s->parser);
    napi_value nul;
    CALL(env, napi_get_null(env, &nul));
    return nul;
  }
  TSNode root = ts_tree_root_node(tree);
  uint32_t n = ts_node_descendant_count(root);
  size_t bytes = 4 + (size_t)n * (4 * 4 + 2 * 2 + 1);
  void *data = NULL;
  napi_value buffer = NULL;
  bool reusable = false;
  if (argc >= 2 && napi_is_arraybuffer(env, argv[1], &reusable) == napi_ok && reusable) {
    size_t have = 0;
    if (napi_get_arraybuffer_info(env, argv[1], &data, &have) == napi_ok && have >= bytes) buffer = argv[1];
  }
  if (!buffer && napi_create_arraybuffer(env, bytes, &data, &buffer) != napi_ok) {
    ts_tree_delete(tree);
    napi_throw_error(env, NULL, "pyvet native: cannot allocate the node arrays");
    return NULL;
  }
  uint32_t *count = data;
  uint32_t *start = count + 1;
  uint32_t *end = start + n;
  int32_t *parent = (int32_t *)(end + n);
  uint32_t *after = (uint32_t *)(parent + n);
  uint16_t *symbol = (uint16_t *)(after + n);
  uint16_t *field = symbol + n;
  uint8_t *flags = (uint8_t *)(field + n);

  TSTreeCursor cursor = ts_tree_cursor_new(root);
  int failed = 0;
  uint32_t i = 0;
  size_t depth = 0;
  for (;;) {
    if (i >= n) break; /* cannot happen: descendant_count counts exactly these nodes */
    TSNode node = ts_tree_cursor_current_node(&cursor);
    uint32_t at = i++;
    start[at] = ts_node_start_byte(node) / 2;
    end[at] = ts_node_end_byte(node) / 2;
    parent[at] = depth ? (int32_t)s->stack[depth - 1] : -1;
    symbol[at] = ts_node_symbol(node);
    field[at] = ts_tree_cursor_current_field_id(&cursor);
    uint8_t f = 0;
    if (ts_node_is_named(node)) f |= NAMED;
    if (ts_node_is_missing(node)) f |= MISSING;
    if (ts_node_is_extra(node)) f |= EXTRA;
    if (ts_node_has_error(node)) f |= HAS_ERROR;
    if (ts_node_is_error(node)) f |= IS_ERROR;
    flags[at] = f;
    if (ts_tree_cursor_goto_first_child(&cursor)) {
      if (depth >= s->stack_capacity) {
        size_t cap = s->stack_capacity ? s->stack_capacity * 2 : 256;
        uint32_t *p = realloc(s->stack, cap * sizeof(uint32_t));
        if (!p) {
          failed = 1;
          break;
        }
        s->stack = p;
        s->stack_capacity = cap;
      }
      s->stack[depth++] = at;
      continue;
    }
    after[at] = i;
    int done = 0;
    while (!ts_tree_cursor_goto_next_sibling(&cursor)) {
      if (!depth || !ts_tree_cursor_goto_parent(&cursor)) {
        done = 1;
        break;
      }
      after[s->stack[--depth]] = i;
    }
    if (done) break;
  }
  *count = n;
  ts_tree_cursor_delete(&cursor);
  ts_tree_delete(tree);
  if (failed || i != n) {
    napi_throw_error(env, NULL, failed ? "pyvet native: out of memory" : "pyvet native: node count mismatch");
    return NULL;
  }
  return buffer;
}

NAPI_MODULE_INIT() {
  State *s = calloc(1, sizeof(State));
  if (!s) return NULL;
  s->parser = ts_parser_new();
  if (napi_set_instance_data(env, s, free_state, NULL) != napi_ok) {
    free_state(env, s, NULL);
    return NULL;
  }
  napi_property_descriptor props[] = {
      {"setLanguage", NULL, set_language, NULL, NULL, NULL, napi_enumerable, NULL},
      {"names", NULL, names, NULL, NULL, NULL, napi_enumerable, NULL},
      {"parse", NULL, parse, NULL, NULL, NULL, napi_enumerable, NULL},
  };
  if (napi_define_properties(env, exports, 3, props) != napi_ok) return NULL;
  return exports;
}
