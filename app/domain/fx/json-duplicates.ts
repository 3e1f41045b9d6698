// JSON.parse keeps the last of two equal keys without a word, so a provider answer with
// "USD" twice would silently pick one. This scanner walks the raw text (already known to be
// valid JSON) and reports every key that appears twice in the same object.

function skipWhitespace(text: string, from: number): number {
  let index = from;
  while (index < text.length && /\s/.test(text[index] ?? "")) index += 1;
  return index;
}

/** Returns the index just after the closing quote of the string starting at `start`. */
function stringEnd(text: string, start: number): number {
  let index = start + 1;
  while (index < text.length) {
    const char = text[index];
    if (char === "\\") index += 2;
    else if (char === '"') return index + 1;
    else index += 1;
  }
  return index;
}

/** Keys (with their object's path) that occur more than once in one object. */
export function findDuplicateKeys(text: string): string[] {
  const stack: ({ keys: Set<string>; path: string } | null)[] = [];
  const duplicates: string[] = [];
  let lastKey = "";
  let index = 0;
  while (index < text.length) {
    const char = text[index];
    if (char === '"') {
      const end = stringEnd(text, index);
      const top = stack[stack.length - 1];
      const next = skipWhitespace(text, end);
      if (top && text[next] === ":") {
        const key = JSON.parse(text.slice(index, end)) as string;
        if (top.keys.has(key)) duplicates.push(top.path ? `${top.path}.${key}` : key);
        top.keys.add(key);
        lastKey = key;
      }
      index = end;
      continue;
    }
    if (char === "{") {
      const parent = stack[stack.length - 1];
      const path = parent ? (parent.path ? `${parent.path}.${lastKey}` : lastKey) : "";
      stack.push({ keys: new Set(), path });
    } else if (char === "[") stack.push(null);
    else if (char === "}" || char === "]") stack.pop();
    index += 1;
  }
  return duplicates;
}
