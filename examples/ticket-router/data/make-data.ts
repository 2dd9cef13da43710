/**
 * Writes `tickets.jsonl`: labelled help-desk tickets of an online fashion and home retailer (queue,
 * priority, language). Run once (`node --import tsx examples/ticket-router/data/make-data.ts`);
 * the file is committed and the model trains from it. Seeded, so the file is byte-stable.
 *
 * Priority is what the desk's triage lead assigned: premium customers and money at stake first,
 * questions without an order last.
 */
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { seededRandom } from '../../shared/rng.js'

type Queue = 'orders' | 'returns' | 'payments' | 'delivery' | 'product' | 'account'
const items = [
  'jacket',
  'pair of boots',
  'sofa cushion',
  'lamp',
  'dress',
  'coffee table',
  'duvet cover',
  'rug',
  'kettle',
  'pair of jeans',
]
const texts: Record<Queue, { subjects: string[]; bodies: string[] }> = {
  orders: {
    subjects: [
      'Change my order',
      'Cancel order',
      'Wrong size ordered',
      'Add item to my order',
      'Order confirmation missing',
      'Can I still change the address?',
    ],
    bodies: [
      'I placed an order for a {item} an hour ago and would like to change the size before it ships.',
      'Please cancel my order for the {item}, I ordered it twice by mistake.',
      'I never got an order confirmation email for the {item}, did my order go through?',
      'Can you add a second {item} to the order I placed this morning?',
      'I need to change the delivery address on my order before it is dispatched.',
      'My order shows as processing for three days, has it been placed correctly?',
    ],
  },
  returns: {
    subjects: [
      'Return request',
      'Refund for returned item',
      'Return label',
      'How do I return this?',
      'Exchange please',
      'Return not processed',
    ],
    bodies: [
      'I sent back the {item} two weeks ago and still have not received my refund.',
      'The {item} does not fit, how do I return it and get a refund?',
      'Please send me a return label for the {item}, the one in the parcel was missing.',
      'I would like to exchange the {item} for a bigger size.',
      'The courier collected my return last week but the status still says awaiting return.',
      'I want to return the {item}, it looks different from the photos.',
    ],
  },
  payments: {
    subjects: [
      'Charged twice',
      'Payment failed',
      'Refund not on my card',
      'Voucher code not working',
      'Card declined',
      'Unknown charge',
    ],
    bodies: [
      'My card was charged twice for the same order, please refund one of the payments.',
      'The payment for the {item} failed but the money has left my account.',
      'I was refunded according to your email but nothing has arrived on my credit card.',
      'My gift voucher code is not accepted at checkout.',
      'My card keeps getting declined although it works everywhere else.',
      'There is a charge from you on my bank statement that I do not recognise.',
    ],
  },
  delivery: {
    subjects: [
      'Where is my order?',
      'Parcel not arrived',
      'Late delivery',
      'Tracking not updating',
      'Delivered to wrong address',
      'Courier never came',
    ],
    bodies: [
      'I ordered a {item} ten days ago and the tracking page has not moved since Monday.',
      'The tracking says delivered but there is no parcel at my door.',
      'My parcel with the {item} was supposed to arrive yesterday and nothing came.',
      'The courier left my package with a neighbour I do not know.',
      'The delivery of the {item} is already a week late, when will it arrive?',
      'I stayed home all day for the delivery slot and the driver never showed up.',
    ],
  },
  product: {
    subjects: [
      'Item arrived damaged',
      'Product question',
      'Broken on arrival',
      'Missing parts',
      'Size guide',
      'Is this washable?',
    ],
    bodies: [
      'The {item} arrived with a big scratch on the side, what can you do?',
      'Can the {item} be washed at 40 degrees?',
      'The {item} stopped working after two days.',
      'The box for the {item} was missing two screws, I cannot assemble it.',
      'What are the dimensions of the {item}? The website does not say.',
      'Is the {item} available in another colour?',
    ],
  },
  account: {
    subjects: [
      'Cannot log in',
      'Reset password',
      'Delete my account',
      'Change email address',
      'Newsletter',
      'Account locked',
    ],
    bodies: [
      'I cannot log in to my account, the password reset email never arrives.',
      'Please delete my account and all my personal data.',
      'How do I change the email address on my account?',
      'Please unsubscribe me from the newsletter, I get three emails a day.',
      'My account is locked after too many attempts, please unlock it.',
      'Someone changed the password of my account, I did not do that.',
    ],
  },
}
const foreign: { language: string; queue: Queue; subject: string; body: string }[] = [
  {
    language: 'de',
    queue: 'delivery',
    subject: 'Wo ist meine Bestellung?',
    body: 'Ich habe vor zehn Tagen bestellt und das Paket ist immer noch nicht da.',
  },
  {
    language: 'de',
    queue: 'returns',
    subject: 'Rücksendung',
    body: 'Ich habe die Ware zurückgeschickt und warte noch auf die Erstattung.',
  },
  {
    language: 'de',
    queue: 'payments',
    subject: 'Doppelt abgebucht',
    body: 'Mir wurde der Betrag zweimal von der Karte abgebucht, bitte erstatten Sie eine Zahlung.',
  },
  {
    language: 'fr',
    queue: 'delivery',
    subject: 'Colis non reçu',
    body: 'Le suivi indique que le colis est livré mais je ne l’ai pas reçu.',
  },
  {
    language: 'fr',
    queue: 'returns',
    subject: 'Retour',
    body: 'Je voudrais retourner cet article et être remboursé, il ne me va pas.',
  },
  {
    language: 'fr',
    queue: 'account',
    subject: 'Mot de passe',
    body: 'Je ne peux pas me connecter à mon compte, le mot de passe ne marche pas.',
  },
  {
    language: 'nl',
    queue: 'delivery',
    subject: 'Pakket niet ontvangen',
    body: 'Mijn pakket is nog steeds niet bezorgd en de track en trace staat stil.',
  },
  {
    language: 'nl',
    queue: 'payments',
    subject: 'Betaling mislukt',
    body: 'De betaling is mislukt maar het geld is wel van mijn rekening af.',
  },
  {
    language: 'es',
    queue: 'delivery',
    subject: '¿Dónde está mi pedido?',
    body: 'Hice el pedido hace diez días y el paquete todavía no ha llegado.',
  },
  {
    language: 'es',
    queue: 'product',
    subject: 'Producto dañado',
    body: 'El artículo llegó roto y la caja estaba dañada.',
  },
  {
    language: 'it',
    queue: 'returns',
    subject: 'Reso',
    body: 'Ho restituito il prodotto ma non ho ancora ricevuto il rimborso.',
  },
  {
    language: 'it',
    queue: 'orders',
    subject: 'Annullare ordine',
    body: 'Vorrei annullare il mio ordine, ho sbagliato la taglia.',
  },
]

const rng = seededRandom(48213)
const queues = Object.keys(texts) as Queue[]
const lines: string[] = []
let next = 48000
const ticket = (queue: Queue, subject: string, body: string, language: string): void => {
  const tier = rng.pick(['standard', 'standard', 'standard', 'plus', 'premium'] as const)
  const hasOrder = queue !== 'account' && (queue !== 'product' || rng.next() < 0.6)
  const orderValue = hasOrder
    ? Math.round(Math.exp(Math.log(8) + rng.next() * Math.log(1200 / 8)) * 100) / 100
    : 0
  const previous = Math.min(Math.floor(-Math.log(1 - rng.next()) * 1.2), 12)
  const urgent =
    /twice|charged|zweimal|locked|changed the password|not recognise|left my account/i.test(body)
  let priority = tier === 'premium' ? 2 : 3
  if (urgent) priority -= 1
  if (orderValue > 500) priority -= 1
  if (!hasOrder && !urgent) priority += 1
  if (previous >= 4) priority -= 1
  priority = Math.min(4, Math.max(1, priority))
  const channel = rng.pick(['email', 'email', 'chat', 'web_form', 'phone_transcript'] as const)
  lines.push(
    JSON.stringify({
      ticket_id: `TCK-00${next++}`,
      subject,
      body,
      channel,
      customer_tier: tier,
      order_value: orderValue,
      previous_tickets: previous,
      queue,
      priority,
      language,
    }),
  )
}
for (let i = 0; i < 330; i++) {
  const queue = queues[i % queues.length]!
  const { subjects, bodies } = texts[queue]
  const body = rng.pick(bodies).replace('{item}', rng.pick(items))
  // A few customers write the subject of one problem and the body of another: the desk files them by the body.
  const subject =
    rng.next() < 0.08 ? rng.pick(texts[rng.pick(queues)].subjects) : rng.pick(subjects)
  ticket(queue, subject, body, 'en')
}
for (const f of foreign) for (let k = 0; k < 3; k++) ticket(f.queue, f.subject, f.body, f.language)

const out = fileURLToPath(new URL('./tickets.jsonl', import.meta.url))
writeFileSync(out, lines.join('\n') + '\n')
console.log(`wrote ${lines.length} tickets to ${out}`)
