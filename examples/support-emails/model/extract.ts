/**
 * The "language model" of this story: a deterministic rule-based extractor of support-email
 * fields. No weights can be downloaded here, and the story is about the wire and the contract,
 * not about the model's wits: keyword rules (case-insensitive), an order-id pattern and the
 * sign-off line give the same fields a small fine-tuned model would for these emails.
 */

/** The fields of one email, as the contract's output schema describes them. */
export interface EmailFields {
  category: 'billing' | 'delivery' | 'returns' | 'technical' | 'account' | 'other'
  urgency: 'low' | 'normal' | 'high'
  order_id: string | null
  customer_name: string | null
  summary: string
  sentiment: 'negative' | 'neutral' | 'positive'
  refund_requested: boolean
}

/** Keywords of each category, tried in this order (the first with a hit wins). */
const categories: readonly [EmailFields['category'], RegExp][] = [
  ['billing', /\b(charged?|invoice|payment|paid|bill(ed|ing)?|card)\b/i],
  ['returns', /\b(return(ed|ing)?|exchange|wrong size|send (it )?back)\b/i],
  ['account', /\b(password|log ?in|sign ?in|account|e-?mail address)\b/i],
  ['delivery', /\b(parcel|package|deliver(y|ed)?|shipp(ed|ing)|tracking|arriv(e|ed))\b/i],
  ['technical', /\b(error|crash(es|ed)?|bug|app|website|broken|not working)\b/i],
]
const urgent = /\b(urgent|asap|immediately|twice|fraud|frustrat\w*|unacceptable)\b/i
const relaxed = /\b(no rush|whenever|just a question|when you can)\b/i
const negative = /\b(frustrat\w*|angry|terrible|disappoint\w*|unacceptable|annoy\w*|worst)\b/i
const positive = /\b(thanks?|thank you|great|love|happy|appreciate)\b/i
const refund = /\b(refund\w*|money back|reimburs\w*)\b/i
const order = /\bORD-(\d{6})\b/i
const name =
  /^(?:(?:[Tt]hanks|[Tt]hank you|[Rr]egards|[Bb]est|[Cc]heers|[Kk]ind regards),?\s+)?([A-Z][a-z]+(?: [A-Z][a-z]+){1,2})$/

/** The email's lines without blanks, trimmed, with runs of spaces collapsed. */
function lines(email: string): string[] {
  return email
    .split(/\r?\n/)
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .filter((l) => l !== '')
}

/** The fields of `email` (the user message: subject line first, then the text, then the sign-off). */
export function extractFields(email: string): EmailFields {
  const all = lines(email)
  const subjectLine = all.find((l) => /^subject:/i.test(l))
  const subject = subjectLine?.replace(/^subject:\s*/i, '') ?? ''
  const first = all.find((l) => !/^subject:/i.test(l)) ?? ''
  const summary = (subject || first || 'Email without text').slice(0, 200)
  const category = categories.find(([, pattern]) => pattern.test(email))?.[0] ?? 'other'
  const id = order.exec(email)?.[1]
  const signed = all.at(-1)?.match(name)?.[1]
  const angry = negative.test(email)
  return {
    category,
    urgency: urgent.test(email) ? 'high' : relaxed.test(email) ? 'low' : 'normal',
    order_id: id === undefined ? null : `ORD-${id}`,
    customer_name: signed ?? null,
    summary,
    sentiment: angry ? 'negative' : positive.test(email) ? 'positive' : 'neutral',
    refund_requested: refund.test(email),
  }
}
