/**
 * Server-sent events as the OpenAI-compatible APIs use them (WHATWG HTML, "Server-sent events",
 * 9.2.6 "Interpreting an event stream"): each event is `data: <json>` and a blank line, the
 * stream ends with `data: [DONE]`. Only `data` fields carry meaning here; comments (`:`) and
 * other fields are skipped, as clients do.
 */

/** The line that ends an OpenAI-compatible stream. */
export const sseDone = '[DONE]'

/** One event carrying `data` (a JSON text, or `[DONE]`). */
export function sseEvent(data: string): string {
  return `data: ${data}\n\n`
}

/** An incremental event-stream reader: push text as it arrives, take each event's data. */
export interface SseReader {
  /** Feeds a piece of the stream; returns the data of every event it completed. */
  readonly push: (text: string) => string[]
  /** The data of an event left unterminated at the end of the stream, if any. */
  readonly end: () => string[]
}

/**
 * Makes an event-stream reader. Lines end with LF, CRLF or CR; an event ends at a blank line;
 * several `data:` lines of one event are joined with LF (the spec's rule).
 *
 * @example
 * const reader = createSseReader()
 * reader.push('data: {"a":1}\n\ndata: [DO') // ['{"a":1}']
 * reader.push('NE]\n\n') // ['[DONE]']
 */
export function createSseReader(): SseReader {
  let buffer = ''
  let data: string[] = []
  const line = (text: string, out: string[]): void => {
    if (text === '') {
      if (data.length > 0) out.push(data.join('\n'))
      data = []
      return
    }
    if (text.startsWith(':')) return
    const colon = text.indexOf(':')
    const field = colon === -1 ? text : text.slice(0, colon)
    if (field !== 'data') return
    let value = colon === -1 ? '' : text.slice(colon + 1)
    if (value.startsWith(' ')) value = value.slice(1)
    data.push(value)
  }
  return {
    push(text) {
      buffer += text
      const out: string[] = []
      let start = 0
      for (let i = 0; i < buffer.length; i++) {
        const c = buffer.charCodeAt(i)
        if (c !== 10 && c !== 13) continue
        // A CR at the very end may be the first half of CRLF: wait for the next piece.
        if (c === 13 && i === buffer.length - 1) break
        line(buffer.slice(start, i), out)
        if (c === 13 && buffer.charCodeAt(i + 1) === 10) i++
        start = i + 1
      }
      buffer = buffer.slice(start)
      return out
    },
    end() {
      const out: string[] = []
      if (buffer !== '') line(buffer, out)
      buffer = ''
      if (data.length > 0) out.push(data.join('\n'))
      data = []
      return out
    },
  }
}
