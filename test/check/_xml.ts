/**
 * A small XML 1.0 well-formedness checker and reader for tests of the JUnit output: one root,
 * tags nested and closed, attributes quoted and unique, every `&` a known entity or character
 * reference, no `<` in text or values, only characters XML allows. Enough to prove CI tools can
 * parse the file, without an XML dependency.
 */

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** Text directly inside the element, entities decoded. */
  text: string;
}

const NAME = /^[A-Za-z_:][\w.:-]*/;
const REFERENCE = /^&(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/;
const INVALID_CHARACTER = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

/**
 * Parses `xml` and returns its root element.
 * @throws Error saying what is malformed and where
 */
export function parseXml(xml: string): XmlElement {
  if (INVALID_CHARACTER.test(xml)) throw new Error(`character not allowed in XML at ${xml.search(INVALID_CHARACTER)}`);
  let at = 0;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  const fail = (problem: string): never => {
    throw new Error(`${problem} at offset ${at}: ${JSON.stringify(xml.slice(at, at + 40))}`);
  };
  if (xml.startsWith("<?xml")) {
    const end = xml.indexOf("?>");
    if (end < 0) fail("unterminated XML declaration");
    at = end + 2;
  }
  while (at < xml.length) {
    if (xml[at] !== "<") {
      const end = xml.indexOf("<", at) < 0 ? xml.length : xml.indexOf("<", at);
      const text = xml.slice(at, end);
      if (text.includes("]]>")) fail("]]> in text");
      const decoded = decode(text, fail);
      if (stack.length === 0) {
        if (decoded.trim() !== "") fail("text outside the root element");
      } else stack[stack.length - 1].text += decoded;
      at = end;
      continue;
    }
    if (xml.startsWith("<!--", at)) {
      const end = xml.indexOf("-->", at + 4);
      if (end < 0) fail("unterminated comment");
      at = end + 3;
      continue;
    }
    if (xml.startsWith("<![CDATA[", at)) {
      const end = xml.indexOf("]]>", at);
      if (end < 0 || stack.length === 0) fail("bad CDATA section");
      stack[stack.length - 1].text += xml.slice(at + 9, end);
      at = end + 3;
      continue;
    }
    if (xml.startsWith("</", at)) {
      at += 2;
      const name = NAME.exec(xml.slice(at))?.[0] ?? fail("bad closing tag name");
      at += name.length;
      while (/\s/.test(xml[at] ?? "")) at++;
      if (xml[at] !== ">") fail("closing tag not ended by >");
      at++;
      const open = stack.pop();
      if (open === undefined || open.name !== name) fail(`</${name}> closes ${open ? `<${open.name}>` : "nothing"}`);
      continue;
    }
    at++;
    const name = NAME.exec(xml.slice(at))?.[0] ?? fail("bad tag name");
    at += name.length;
    const element: XmlElement = { name, attributes: {}, children: [], text: "" };
    for (;;) {
      const spaced = /^\s+/.exec(xml.slice(at));
      at += spaced?.[0].length ?? 0;
      if (xml.startsWith("/>", at) || xml[at] === ">") break;
      if (!spaced) fail("attributes must be separated by white space");
      const attribute = NAME.exec(xml.slice(at))?.[0] ?? fail("bad attribute name");
      at += attribute.length;
      if (xml[at] !== "=") fail(`attribute ${attribute} without =`);
      const quote = xml[at + 1];
      if (quote !== '"' && quote !== "'") fail(`attribute ${attribute} not quoted`);
      const end = xml.indexOf(quote, at + 2);
      if (end < 0) fail(`attribute ${attribute} not closed`);
      const raw = xml.slice(at + 2, end);
      if (raw.includes("<")) fail(`< in attribute ${attribute}`);
      if (attribute in element.attributes) fail(`attribute ${attribute} repeated`);
      element.attributes[attribute] = decode(raw, fail);
      at = end + 1;
    }
    if (stack.length === 0) {
      if (root !== undefined) fail("a second root element");
      root = element;
    } else stack[stack.length - 1].children.push(element);
    if (xml.startsWith("/>", at)) at += 2;
    else {
      at += 1;
      stack.push(element);
    }
  }
  if (stack.length > 0) throw new Error(`<${stack[stack.length - 1].name}> is never closed`);
  if (root === undefined) throw new Error("no root element");
  return root;
}

/** Every element named `name` in the tree, depth first. */
export function findAll(element: XmlElement, name: string): XmlElement[] {
  return [...(element.name === name ? [element] : []), ...element.children.flatMap((child) => findAll(child, name))];
}

// --- internal ---

function decode(text: string, fail: (problem: string) => never): string {
  let decoded = "";
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== "&") {
      decoded += text[i];
      continue;
    }
    const reference = REFERENCE.exec(text.slice(i))?.[0] ?? fail(`bare & in ${JSON.stringify(text.slice(i, i + 12))}`);
    const body = reference.slice(1, -1);
    const named: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
    decoded += named[body] ?? String.fromCodePoint(body.startsWith("#x") ? parseInt(body.slice(2), 16) : Number(body.slice(1)));
    i += reference.length - 1;
  }
  return decoded;
}
