/**
 * How a field's place in a document is written in messages: `services[2].replicas`.
 */

/**
 * Path segments `services`, `2`, `replicas` -> `services[2].replicas`. A key that is not a plain
 * word (a misspelt key can hold spaces, quotes or a line break) is quoted, so the message stays
 * one line: `services[0]["max ms"]`.
 * @example formatPath(["services", "0", "__proto__"]) // "services[0].__proto__"
 */
export function formatPath(segments: readonly string[]): string {
  let path = "";
  for (const key of segments) {
    if (/^\d+$/.test(key)) path += `[${key}]`;
    else if (!/^[A-Za-z_$][\w$-]*$/.test(key)) path += `[${JSON.stringify(key)}]`;
    else path += path === "" ? key : `.${key}`;
  }
  return path === "" ? "(top level)" : path;
}
