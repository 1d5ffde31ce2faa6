/* A message template as data: literal text and named blanks, as the page's markup holds it.
 * [{text: "Dear "}, {field: "interviewer_name", blank: "[interviewer's name]"}, {text: ",\n..."}]
 * These functions decide what the reader sees. No DOM here: unit-tested in Node. */

// The parts split into lines at every newline in the literal text; a line is a list of parts.
export function splitLines(parts) {
  const lines = [[]];
  for (const part of parts) {
    if (part.field) {
      lines[lines.length - 1].push(part);
      continue;
    }
    part.text.split("\n").forEach((piece, index) => {
      if (index) lines.push([]);
      if (piece) lines[lines.length - 1].push({ text: piece });
    });
  }
  return lines;
}

// A line of only empty optional blanks and punctuation, like "- [a third day and time]".
function onlyEmptyOptional(line, isEmptyOptional) {
  const blanks = line.filter((part) => part.field);
  const words = line.some((part) => !part.field && /[\p{L}\p{N}]/u.test(part.text));
  return blanks.length > 0 && !words && blanks.every((part) => isEmptyOptional(part.field));
}

// The lines a reader sees. In a body, a line of empty optional blanks is left out; one-line
// parts (a subject, a "To:") keep every blank, so the reader sees what is missing.
export function visibleLines(parts, { keepAll = false, isEmptyOptional = () => false } = {}) {
  const lines = splitLines(parts);
  return keepAll ? lines : lines.filter((line) => !onlyEmptyOptional(line, isEmptyOptional));
}

// The lines as plain text: each blank shows its value, or its [blank] words when empty.
export function plainText(lines, valueOf) {
  return lines.map((line) => line.map((part) => (part.field ? valueOf(part.field) || part.blank : part.text)).join(""))
    .join("\n");
}

// The names of required blanks still empty, once each, in order: "Still blank: Your name".
export function missingLabels(parts, { isRequiredEmpty, labelOf }) {
  const labels = [];
  for (const part of parts) {
    if (!part.field || !isRequiredEmpty(part.field)) continue;
    const label = labelOf(part.field);
    if (!labels.includes(label)) labels.push(label);
  }
  return labels;
}
