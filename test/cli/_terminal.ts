// A tiny terminal for progress tests: applies what a program writes (text, \r, \n and the few
// ANSI sequences cli-progress and readline use) to a screen of lines, so a test can read what a
// user would see, stray characters included.

export function renderTerminal(written: string): string[] {
  const lines: string[] = [""];
  let row = 0;
  let column = 0;
  const put = (text: string) => {
    const line = lines[row].padEnd(column, " ");
    lines[row] = line.slice(0, column) + text + line.slice(column + text.length);
    column += text.length;
  };
  const pattern = /\x1b\[\?\d+[hl]|\x1b\[(\d*)([GKAB])|\x1b[78]|\r|\n|[^\x1b\r\n]+/g;
  for (const match of written.matchAll(pattern)) {
    const token = match[0];
    if (token === "\r") column = 0;
    else if (token === "\n") {
      row++;
      column = 0;
      if (lines.length <= row) lines.push("");
    } else if (match[2] === "G") column = Math.max(0, Number(match[1] || 1) - 1);
    else if (match[2] === "K") {
      const mode = Number(match[1] || 0);
      if (mode === 0) lines[row] = lines[row].slice(0, column);
      else if (mode === 2) lines[row] = "";
      else lines[row] = " ".repeat(column) + lines[row].slice(column);
    } else if (match[2] === "A") row = Math.max(0, row - Number(match[1] || 1));
    else if (match[2] === "B") row += Number(match[1] || 1);
    else if (!token.startsWith("\x1b")) put(token);
  }
  return lines.map((line) => line.trimEnd());
}
