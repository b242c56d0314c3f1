// Text a user reads belongs in the catalogues (lib/i18n/messages/), not in JSX: this rule reports prose
// written straight into components and pages, in JSX text, in the attributes people read (title,
// placeholder, alt, aria-*, label), and in string branches rendered as children.
// Kernel and protocol names written as code (TIME_WAIT, net.ipv4.tcp_tw_reuse, ss -tan) are allowed.

const READ_ATTRIBUTES = /^(title|placeholder|alt|label|aria-label|aria-description|aria-placeholder|aria-roledescription|aria-valuetext)$/;
const BRAND = new Set(["tw", "scope", "twscope"]);

/** A word is prose unless it is a name written as code: ALL_CAPS, dotted or underscored, or a flag. */
function isProseWord(word) {
  if (BRAND.has(word)) return false;
  if (/^[A-Z0-9_]+$/.test(word)) return false;
  if (/[._/]/.test(word) || word.startsWith("-")) return false;
  return /\p{L}{2,}|[\u3400-\u9fff]/u.test(word);
}

const hasProse = (text) => text.split(/[\s()[\]{},:;!?"'`=<>]+/).some(isProseWord);

function stringsIn(node) {
  if (!node) return [];
  if (node.type === "Literal" && typeof node.value === "string") return [node];
  if (node.type === "TemplateLiteral") return node.quasis.some((q) => hasProse(q.value.cooked ?? "")) ? [node] : [];
  if (node.type === "ConditionalExpression") return [...stringsIn(node.consequent), ...stringsIn(node.alternate)];
  if (node.type === "LogicalExpression") return stringsIn(node.right);
  return [];
}

const textOf = (node) => (node.type === "Literal" ? node.value : node.quasis.map((q) => q.value.cooked).join(" "));

export default {
  meta: {
    type: "problem",
    docs: { description: "user-visible text comes from the catalogues (useTranslations / getTranslations)" },
    messages: { prose: 'Text "{{text}}" is not from a catalogue: add it to lib/i18n/messages/ and render it with t().' },
    schema: [],
  },
  create(context) {
    const report = (node, text) => context.report({ node, messageId: "prose", data: { text: text.trim().slice(0, 60) } });
    return {
      JSXText(node) {
        if (hasProse(node.value)) report(node, node.value);
      },
      JSXAttribute(node) {
        const name = node.name.type === "JSXIdentifier" ? node.name.name : "";
        if (!READ_ATTRIBUTES.test(name) || !node.value) return;
        const candidates = node.value.type === "JSXExpressionContainer" ? stringsIn(node.value.expression) : [node.value];
        for (const s of candidates) if (s.type === "Literal" ? hasProse(String(s.value)) : true) report(s, textOf(s));
      },
      "JSXElement > JSXExpressionContainer, JSXFragment > JSXExpressionContainer"(node) {
        for (const s of stringsIn(node.expression)) if (s.type !== "Literal" || hasProse(s.value)) report(s, textOf(s));
      },
    };
  },
};
