/**
 * Writes `narrations.csv`: labelled bank-statement narrations as a UK/EU retail bank's ledger
 * prints them. Run once (`node --import tsx examples/transaction-categorizer/data/make-data.ts`);
 * the CSV is committed and the model trains from it. Seeded, so the file is byte-stable.
 */
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { seededRandom } from '../../shared/rng.js'

interface Source {
  readonly category: string
  readonly direction: 'debit' | 'credit'
  readonly amount: readonly [number, number]
  readonly mcc?: readonly string[]
  readonly templates: readonly string[]
}

const towns = ['LONDON', 'LEEDS', 'BRISTOL', 'MANCHESTER', 'GLASGOW', 'CARDIFF', 'YORK', 'BATH']
const people = ['J SMITH', 'A JONES', 'M KOWALSKI', 'S PATEL', 'L MARTIN', 'K NOWAK', 'R BROWN']
const employers = [
  'ACME LTD',
  'GLOBEX PLC',
  'INITECH UK',
  'UMBRELLA CORP',
  'STARK IND',
  'WAYNE ENT',
]
const months = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC']

const sources: readonly Source[] = [
  {
    category: 'groceries',
    direction: 'debit',
    amount: [3, 140],
    mcc: ['5411', '5499'],
    templates: [
      'POS TESCO STORES {n4} {town}',
      'CARD PAYMENT TO SAINSBURYS S/MKTS',
      'LIDL GB {town}',
      'ALDI {n2} {town}',
      'ASDA SUPERSTORE {n4}',
      'WAITROSE {n3} {town}',
      'CO-OP GROUP FOOD {n4}',
      'MORRISONS {n4}',
      'M&S SIMPLY FOOD {n3}',
      'TESCO EXPRESS {n4}',
      'ICELAND FOODS {n3}',
      'REWE MARKT {n4} BERLIN',
      'CARREFOUR CITY PARIS',
      'ALBERT HEIJN {n4}',
      'BIEDRONKA {n4} WARSZAWA',
    ],
  },
  {
    category: 'dining',
    direction: 'debit',
    amount: [2.5, 95],
    mcc: ['5812', '5814'],
    templates: [
      'PRET A MANGER {n4}',
      'STARBUCKS {n4} {town}',
      'NANDOS {town}',
      'DELIVEROO CO UK',
      'UBER *EATS PENDING',
      'JUST EAT.CO.UK LTD',
      'MCDONALDS {n4}',
      'COSTA COFFEE {n5}',
      'PIZZA EXPRESS {n3}',
      'WAGAMAMA {n3}',
      'GREGGS {n4}',
      'LEON RESTAURANTS',
      'FIVE GUYS {town}',
      'DISHOOM {town}',
    ],
  },
  {
    category: 'transport',
    direction: 'debit',
    amount: [1.5, 180],
    mcc: ['4111', '4121', '5541', '4112'],
    templates: [
      'TFL TRAVEL CH',
      'TFL.GOV.UK/CP',
      'UBER *TRIP HELP.UBER.COM',
      'TRAINLINE.COM',
      'SHELL {n4} M4',
      'BP CONNECT {n4}',
      'ESSO {town}',
      'NATIONAL RAIL ENQ',
      'DB VERTRIEB GMBH',
      'SNCF INTERNET',
      'BOLT.EU/O/{n4}',
      'RYANAIR {n6}',
      'EASYJET {n6}',
      'NCP CAR PARK {town}',
      'GWR TICKET OFFICE',
    ],
  },
  {
    category: 'utilities',
    direction: 'debit',
    amount: [12, 260],
    mcc: ['4900', '4814'],
    templates: [
      'DD BRITISH GAS',
      'DD OCTOPUS ENERGY',
      'DD THAMES WATER',
      'DD EDF ENERGY',
      'BT GROUP PLC DD',
      'VODAFONE LTD DD',
      'DD EE LIMITED',
      'DD VIRGIN MEDIA',
      'SKY DIGITAL DD',
      'DD SEVERN TRENT WATER',
      'DD OVO ENERGY',
      'DD E.ON NEXT',
      'THREE MOBILE DD',
    ],
  },
  {
    category: 'rent',
    direction: 'debit',
    amount: [450, 2600],
    templates: [
      'SO RENT FLAT {n1} {town}',
      'STANDING ORDER {person} RENT',
      'DD NATIONWIDE MORTGAGE',
      'FOXTONS RENT {mon}',
      'RENT {mon} OPENRENT',
      'HALIFAX MORTGAGE DD',
      'SO MONTHLY RENT',
      'DD SANTANDER MORTGAGE',
      'GRAINGER PLC RENT',
      'FPS {person} RENT {mon}',
    ],
  },
  {
    category: 'income',
    direction: 'credit',
    amount: [80, 6500],
    templates: [
      'SALARY {employer} {mon}',
      'BGC PAYROLL {employer}',
      'HMRC CHILD BENEFIT',
      'DWP UC',
      'BACS CREDIT {employer} SALARY',
      'INTEREST PAID GROSS',
      'HMRC TAX REFUND',
      '{employer} WAGES {mon}',
      'PENSION {employer}',
      'REFUND AMAZON.CO.UK',
    ],
  },
  {
    category: 'transfers',
    direction: 'debit',
    amount: [5, 1500],
    templates: [
      'FPS TO {person}',
      'TRANSFER TO SAVINGS {n4}',
      'MONZO POT TRANSFER',
      'REVOLUT TOP-UP',
      'PAYPAL TRANSFER',
      'BANK TRANSFER TO {person}',
      'TFR TO ISA {n4}',
      'MOB {person} PAYMENT',
    ],
  },
  {
    category: 'transfers',
    direction: 'credit',
    amount: [5, 1500],
    templates: [
      'FASTER PAYMENT FROM {person}',
      'TFR FROM ISA {n4}',
      'TRANSFER FROM SAVINGS {n4}',
      'FPS FROM {person}',
    ],
  },
  {
    category: 'shopping',
    direction: 'debit',
    amount: [4, 900],
    mcc: ['5311', '5651', '5732', '5942'],
    templates: [
      'AMAZON.CO.UK*{code}',
      'AMZN MKTP UK*{code}',
      'ARGOS LTD {n4}',
      'JOHN LEWIS {town}',
      'ZARA UK {n4}',
      'H&M {n4}',
      'PRIMARK {town}',
      'IKEA LTD {town}',
      'CURRYS PC WORLD',
      'APPLE.COM/BILL',
      'ASOS.COM',
      'BOOTS {n4}',
      'WATERSTONES {town}',
      'DECATHLON {town}',
    ],
  },
  {
    category: 'other',
    direction: 'debit',
    amount: [5, 400],
    templates: [
      'ATM WITHDRAWAL NOTEMACHINE',
      'CASH WITHDRAWAL LLOYDS {town}',
      'HMRC SELF ASSESSMENT',
      'BRITISH RED CROSS DONATION',
      'PUREGYM {town}',
      'NETFLIX.COM',
      'SPOTIFY P{code}',
      'VETS4PETS {town}',
      'DENTAL CARE {town}',
      'DD AVIVA INSURANCE',
      'NON-STERLING TRANSACTION FEE',
      'OVERDRAFT FEE',
      'POST OFFICE {n4}',
    ],
  },
]

const rng = seededRandom(20241102)
const digits = (n: number): string => Array.from({ length: n }, () => rng.int(0, 9)).join('')
const fill = (template: string): string =>
  template
    .replace(/\{n(\d)\}/g, (_, n: string) => digits(Number(n)))
    .replace('{town}', () => rng.pick(towns))
    .replace('{person}', () => rng.pick(people))
    .replace('{employer}', () => rng.pick(employers))
    .replace('{mon}', () => rng.pick(months))
    .replace('{code}', () =>
      Array.from({ length: 4 }, () => rng.pick([...'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'])).join(''),
    )

const rows: string[] = ['narration,amount,currency,direction,mcc,category']
for (const source of sources) {
  const count = source.direction === 'credit' && source.category === 'transfers' ? 20 : 48
  for (let i = 0; i < count; i++) {
    const [low, high] = source.amount
    // Amounts are log-uniform: many small payments, a few large ones.
    const amount = Math.exp(Math.log(low) + rng.next() * (Math.log(high) - Math.log(low)))
    const currency = rng.next() < 0.85 ? 'GBP' : rng.pick(['EUR', 'USD', 'PLN', 'CHF', 'SEK'])
    const mcc = source.mcc && rng.next() < 0.8 ? rng.pick(source.mcc) : ''
    rows.push(
      [
        fill(rng.pick(source.templates)),
        amount.toFixed(2),
        currency,
        source.direction,
        mcc,
        source.category,
      ].join(','),
    )
  }
}
const out = fileURLToPath(new URL('./narrations.csv', import.meta.url))
writeFileSync(out, rows.join('\n') + '\n')
console.log(`wrote ${rows.length - 1} narrations to ${out}`)
