import {useStdout} from 'ink';
import {useEffect, useState} from 'react';

export interface TerminalSize {
  readonly columns: number;
  readonly rows: number;
}

/** The terminal's size, updated on resize (the screen redraws to fit). */
export function useTerminalSize(fallback: TerminalSize = {columns: 80, rows: 24}): TerminalSize {
  const {stdout} = useStdout();
  const read = (): TerminalSize => ({
    columns: stdout.columns > 0 ? stdout.columns : fallback.columns,
    rows: stdout.rows > 0 ? stdout.rows : fallback.rows,
  });
  const [size, setSize] = useState(read);
  useEffect(() => {
    const onResize = () => setSize(read());
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [stdout]);
  return size;
}
