/**
 * A small XML 1.0 well-formedness check for tests: one root, balanced and properly nested
 * tags, quoted unique attributes, known entities only, no characters XML forbids.
 * Returns the parsed elements so tests can query them.
 */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const NAME = '[A-Za-z_:][-A-Za-z0-9._:]*';
const ENTITY = /&(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9A-Fa-f]+);/g;

/** Parses `xml`, throwing with the offending position when it is not well-formed. */
export function parseXml(xml: string): XmlElement {
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/.test(xml)) throw new Error('character not allowed in XML 1.0');
  let pos = 0;
  const root: XmlElement = { name: '#document', attributes: {}, children: [], text: '' };
  const stack: XmlElement[] = [root];
  const fail = (why: string): never => {
    throw new Error(`${why} at offset ${pos}: ${JSON.stringify(xml.slice(pos, pos + 40))}`);
  };
  const decode = (text: string): string => {
    const bare = text.replace(ENTITY, '');
    if (bare.includes('&')) fail('unknown or malformed entity');
    if (bare.includes('<')) fail('raw < in text');
    return text
      .replace(/&#x([0-9A-Fa-f]+);/g, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
      .replace(/&#([0-9]+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, '&');
  };
  if (xml.startsWith('<?xml')) {
    pos = xml.indexOf('?>') + 2;
    if (pos < 2) fail('unterminated declaration');
  }
  while (pos < xml.length) {
    const next = xml.indexOf('<', pos);
    const text = xml.slice(pos, next === -1 ? xml.length : next);
    const top = stack[stack.length - 1] as XmlElement;
    if (top === root) {
      if (text.trim()) fail('text outside the root element');
    } else top.text += decode(text);
    if (next === -1) break;
    pos = next;
    if (xml.startsWith('<!--', pos)) {
      const end = xml.indexOf('-->', pos);
      if (end === -1) fail('unterminated comment');
      pos = end + 3;
      continue;
    }
    const close = new RegExp(`^</(${NAME})\\s*>`).exec(xml.slice(pos));
    if (close) {
      const open = stack.pop();
      if (!open || open === root || open.name !== close[1]) fail(`closing tag </${close[1]}> does not match <${open?.name}>`);
      pos += close[0].length;
      continue;
    }
    const tag = new RegExp(`^<(${NAME})((?:\\s+${NAME}\\s*=\\s*(?:"[^"<]*"|'[^'<]*'))*)\\s*(/?)>`).exec(xml.slice(pos));
    if (!tag) fail('malformed tag');
    const [whole, name, attributeText, selfClosing] = tag as unknown as [string, string, string, string];
    const element: XmlElement = { name, attributes: {}, children: [], text: '' };
    for (const match of attributeText.matchAll(new RegExp(`(${NAME})\\s*=\\s*(?:"([^"]*)"|'([^']*)')`, 'g'))) {
      const key = match[1] as string;
      if (key in element.attributes) fail(`duplicate attribute ${key}`);
      element.attributes[key] = decode(match[2] ?? match[3] ?? '');
    }
    if (top === root && root.children.length > 0) fail('second root element');
    top.children.push(element);
    pos += whole.length;
    if (!selfClosing) stack.push(element);
  }
  if (stack.length !== 1) fail(`unclosed <${stack[stack.length - 1]?.name}>`);
  const [documentElement] = root.children;
  if (!documentElement) fail('no root element');
  return documentElement as XmlElement;
}

/** All descendants (depth first) with the given tag name. */
export function findAll(element: XmlElement, name: string): XmlElement[] {
  return element.children.flatMap((child) => [...(child.name === name ? [child] : []), ...findAll(child, name)]);
}
