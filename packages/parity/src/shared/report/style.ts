/** Terminal colour (only when the output is a terminal and colour is not switched off) and HTML escaping. */
export interface TextStyle {
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  bold(text: string): string;
  dim(text: string): string;
}

const ansi = (code: number) => (text: string) => `\u001b[${code}m${text}\u001b[0m`;
const plain = (text: string) => text;

export function textStyle(colour: boolean): TextStyle {
  return colour
    ? { red: ansi(31), green: ansi(32), yellow: ansi(33), bold: ansi(1), dim: ansi(2) }
    : { red: plain, green: plain, yellow: plain, bold: plain, dim: plain };
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
