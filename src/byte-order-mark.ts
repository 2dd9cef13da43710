/**
 * UTF-8's byte order mark (EF BB BF, U+FEFF), which Notepad, PowerShell and Excel's "CSV UTF-8"
 * put before a file's text: not part of the first line, key or cell. Every reader of a file a
 * user gives goes through here, so a contract, an input, a recording or a summary saved on
 * Windows reads as it does anywhere else.
 */

/** `text` without a byte order mark at its start. */
export function withoutByteOrderMark(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
}

/** How many bytes of a byte order mark `bytes` start with: 3 or 0. */
export function byteOrderMarkLength(bytes: Uint8Array): number {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0
}
