const MAX_SHOWN_CHARACTERS = 40;

/** `U+200B`: how a character is named in a reason, visible whatever it is. */
export function codePointName(ch: string): string {
  return `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * A received text quoted for a reason: characters outside printable ASCII and the given
 * `shown` set become `{U+…}`, so invisible ones show; long texts are cut, so one huge field
 * does not make a huge report.
 */
export function quoted(text: string, shown: (ch: string) => boolean = () => false): string {
  const chars = [...text];
  const visible = chars
    .slice(0, MAX_SHOWN_CHARACTERS)
    .map((ch) => (/^[\x20-\x7e]$/.test(ch) || shown(ch) ? ch : `{${codePointName(ch)}}`))
    .join('');
  return `'${visible}${chars.length > MAX_SHOWN_CHARACTERS ? '…' : ''}'`;
}
