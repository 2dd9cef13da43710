/**
 * Writes `voyages.csv`: completed voyage legs of a mixed fleet, as the noon reports sum them up
 * (vessel, leg distance, average speed, draft, mean weather, hull condition) with the fuel burnt.
 * Run once (`node --import tsx examples/fuel-consumption/data/make-data.ts`); the CSV is committed
 * and the model trains from it. Seeded, so the file is byte-stable.
 *
 * The fuel follows the usual naval-architecture picture: burn per day grows with the cube of the
 * speed and with displacement to the 2/3, rises with draft, wind, waves and hull fouling; the
 * auxiliary engines add a steady 2.5 t a day; measurement noise is about 7%.
 */
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { seededRandom } from '../../shared/rng.js'

interface VesselType {
  readonly name: string
  /** Hull and engine factor of the type. */
  readonly k: number
  readonly dwt: readonly [number, number]
  readonly speed: readonly [number, number]
  readonly draft: readonly [number, number]
}

const types: readonly VesselType[] = [
  { name: 'bulk_carrier', k: 0.99, dwt: [28000, 210000], speed: [10, 14.5], draft: [7, 18] },
  { name: 'container', k: 1.62, dwt: [9000, 200000], speed: [13, 22], draft: [7, 15] },
  { name: 'tanker', k: 1.15, dwt: [12000, 320000], speed: [10, 15], draft: [7, 21] },
  { name: 'general_cargo', k: 1.3, dwt: [3000, 30000], speed: [9, 15], draft: [4, 10] },
  { name: 'ro_ro', k: 1.9, dwt: [4000, 25000], speed: [14, 21], draft: [5, 9] },
]

const rng = seededRandom(5752)
const uniform = ([low, high]: readonly [number, number]): number => low + rng.next() * (high - low)
const logUniform = ([low, high]: readonly [number, number]): number =>
  Math.exp(Math.log(low) + rng.next() * Math.log(high / low))

const rows = [
  'vessel_type,deadweight_t,distance_nm,avg_speed_kn,draft_m,wind_speed_kn,wave_height_m,days_since_hull_cleaning,fuel_t',
]
for (let i = 0; i < 600; i++) {
  const type = types[i % types.length]!
  const dwt = Math.round(logUniform(type.dwt) / 100) * 100
  const distance = Math.round(logUniform([60, 11000]))
  const speed = Math.round(uniform(type.speed) * 10) / 10
  const draft = Math.round(uniform(type.draft) * 10) / 10
  const wind = Math.round(Math.min(55, Math.abs(rng.normal(14, 8))))
  const wave = Math.round(Math.min(8, Math.max(0.2, wind / 10 + rng.normal(0, 0.5))) * 10) / 10
  const hull = rng.int(10, 900)
  const days = distance / speed / 24
  const daily =
    type.k *
    (dwt / 1000) ** (2 / 3) *
    (speed / 12) ** 3 *
    (draft / 10) ** 0.4 *
    (1 + 0.004 * wind + 0.05 * wave ** 1.5) *
    (1 + 0.0002 * hull)
  const fuel = (daily + 2.5) * days * Math.exp(rng.normal(0, 0.07))
  rows.push([type.name, dwt, distance, speed, draft, wind, wave, hull, fuel.toFixed(2)].join(','))
}
const out = fileURLToPath(new URL('./voyages.csv', import.meta.url))
writeFileSync(out, rows.join('\n') + '\n')
console.log(`wrote ${rows.length - 1} voyage legs to ${out}`)
