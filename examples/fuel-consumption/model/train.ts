/**
 * The fuel model: a log-linear regression of the burn per day (ml-regression-multivariate-linear)
 * on speed, size, draft, weather and hull fouling, learned from `../data/voyages.csv`, times the
 * days at sea; capped by the main engine's rating, as the ship slows down rather than burn more
 * than its engine can (involuntary speed loss). The 80% prediction interval comes from the
 * residual spread in log space, so it is never negative and always brackets the estimate.
 *
 * The broken variant is the first draft the team threw away: a straight linear regression of
 * tonnes on the raw columns with a ± interval in tonnes. It goes negative on short legs.
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import MultivariateLinearRegression from 'ml-regression-multivariate-linear'

export const vesselTypes = [
  'bulk_carrier',
  'container',
  'tanker',
  'general_cargo',
  'ro_ro',
] as const

export interface VoyageLeg {
  readonly vessel_type: string
  readonly deadweight_t: number
  readonly distance_nm: number
  readonly avg_speed_kn: number
  readonly draft_m: number
  readonly wind_speed_kn: number
  readonly wave_height_m: number
  readonly days_since_hull_cleaning?: number
}

export interface FuelEstimate {
  readonly fuel_t: number
  readonly lower_t: number
  readonly upper_t: number
}

export interface FuelModel {
  readonly trainingRows: number
  /** Residual standard deviation (log space for the good model, tonnes for the broken one). */
  readonly residualSd: number
  predict(legs: readonly VoyageLeg[]): FuelEstimate[]
}

/** The fleet's median hull condition, used when a leg does not say. */
const MEDIAN_HULL_DAYS = 180
/** z for a central 80% interval. */
const Z80 = 1.2816
/** Main-engine rating per vessel type: kW ≈ c · dwt^0.6 (fleet register relation). */
const ratingFactor: Record<string, number> = {
  bulk_carrier: 10,
  container: 30,
  tanker: 11,
  general_cargo: 14,
  ro_ro: 25,
}
/** Specific fuel oil consumption at the rating, t/kWh. */
const SFOC = 175e-6

export function loadVoyages(): { leg: VoyageLeg; fuel: number }[] {
  const text = readFileSync(fileURLToPath(new URL('../data/voyages.csv', import.meta.url)), 'utf8')
  return text
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const [type = '', ...numbers] = line.split(',')
      const [dwt, distance, speed, draft, wind, wave, hull, fuel] = numbers.map(Number)
      return {
        leg: {
          vessel_type: type,
          deadweight_t: dwt!,
          distance_nm: distance!,
          avg_speed_kn: speed!,
          draft_m: draft!,
          wind_speed_kn: wind!,
          wave_height_m: wave!,
          days_since_hull_cleaning: hull!,
        },
        fuel: fuel!,
      }
    })
}

function typeColumns(type: string): number[] {
  return vesselTypes.slice(1).map((t) => (t === type ? 1 : 0))
}

/** The range of each weather and hull column seen in training; inputs are clipped to it. */
interface Ranges {
  readonly [column: string]: readonly [number, number]
}

const clippedColumns = [
  'deadweight_t',
  'draft_m',
  'wind_speed_kn',
  'wave_height_m',
  'days_since_hull_cleaning',
] as const

function rangesOf(legs: readonly VoyageLeg[]): Ranges {
  return Object.fromEntries(
    clippedColumns.map((c) => {
      const values = legs.map((l) => l[c] ?? MEDIAN_HULL_DAYS)
      return [c, [Math.min(...values), Math.max(...values)] as const]
    }),
  )
}

/** A regression must not extrapolate its curves to ships and storms it never saw: clip to the training range. */
function clip(leg: VoyageLeg, ranges: Ranges): VoyageLeg {
  const clipped: Record<string, unknown> = { ...leg }
  for (const c of clippedColumns) {
    const [low, high] = ranges[c]!
    clipped[c] = Math.min(high, Math.max(low, leg[c] ?? MEDIAN_HULL_DAYS))
  }
  return clipped as unknown as VoyageLeg
}

/** Features of the burn per day, in log space where the physics is multiplicative. */
function dailyFeatures(leg: VoyageLeg): number[] {
  return [
    Math.log(leg.avg_speed_kn),
    Math.log(leg.deadweight_t / 1000),
    Math.log(leg.draft_m),
    leg.wind_speed_kn / 10,
    leg.wave_height_m,
    leg.wave_height_m ** 1.5 / 10,
    (leg.days_since_hull_cleaning ?? MEDIAN_HULL_DAYS) / 1000,
    ...typeColumns(leg.vessel_type),
  ]
}

function rawFeatures(leg: VoyageLeg): number[] {
  return [
    leg.distance_nm,
    leg.avg_speed_kn,
    leg.deadweight_t / 1000,
    leg.draft_m,
    leg.wind_speed_kn,
    leg.wave_height_m,
    leg.days_since_hull_cleaning ?? MEDIAN_HULL_DAYS,
    ...typeColumns(leg.vessel_type),
  ]
}

const round = (x: number): number => Math.round(x * 100) / 100

function residualSd(predicted: number[], actual: number[], parameters: number): number {
  const sum = predicted.reduce((acc, p, i) => acc + (p - actual[i]!) ** 2, 0)
  return Math.sqrt(sum / (actual.length - parameters))
}

export function trainFuelModel(options: { broken?: boolean } = {}): FuelModel {
  const data = loadVoyages()
  if (options.broken) {
    const regression = new MultivariateLinearRegression(
      data.map((d) => rawFeatures(d.leg)),
      data.map((d) => [d.fuel]),
      { statistics: false },
    )
    const fitted = data.map((d) => regression.predict(rawFeatures(d.leg))[0]!)
    const sd = residualSd(
      fitted,
      data.map((d) => d.fuel),
      rawFeatures(data[0]!.leg).length + 1,
    )
    return {
      trainingRows: data.length,
      residualSd: sd,
      predict: (legs) =>
        legs.map((leg) => {
          const fuel = regression.predict(rawFeatures(leg))[0]!
          return {
            fuel_t: round(fuel),
            lower_t: round(fuel - Z80 * sd),
            upper_t: round(fuel + Z80 * sd),
          }
        }),
    }
  }
  const days = (leg: VoyageLeg): number => leg.distance_nm / leg.avg_speed_kn / 24
  const regression = new MultivariateLinearRegression(
    data.map((d) => dailyFeatures(d.leg)),
    data.map((d) => [Math.log(d.fuel / days(d.leg))]),
    { statistics: false },
  )
  const ranges = rangesOf(data.map((d) => d.leg))
  const fitted = data.map((d) => regression.predict(dailyFeatures(d.leg))[0]!)
  const sd = residualSd(
    fitted,
    data.map((d) => Math.log(d.fuel / days(d.leg))),
    dailyFeatures(data[0]!.leg).length + 1,
  )
  return {
    trainingRows: data.length,
    residualSd: sd,
    predict: (legs) =>
      legs.map((input) => {
        const leg = input
        const logDaily = (l: VoyageLeg): number => regression.predict(dailyFeatures(l))[0]!
        const inside = clip(leg, ranges)
        // Past the worst weather in the data, extend the weather terms linearly along their slope
        // at the edge (never downwards: weather does not save fuel) instead of flattening them,
        // growing the burn in proportion rather than exponentially (log1p), as nothing in the data
        // says how much worse it gets.
        let extra = 0
        for (const column of ['wind_speed_kn', 'wave_height_m'] as const) {
          const high = ranges[column]![1]
          const excess = leg[column] - high
          if (excess <= 0) continue
          const slope = (logDaily(inside) - logDaily({ ...inside, [column]: high - 0.5 })) / 0.5
          extra += Math.max(0, slope) * excess
        }
        let daily = Math.exp(logDaily(inside) + Math.log1p(extra))
        let speed = leg.avg_speed_kn
        const rated =
          (ratingFactor[leg.vessel_type] ?? 10) * leg.deadweight_t ** 0.6 * 24 * SFOC + 2.5
        if (daily > rated) {
          // The engine is at its rating: the ship makes less speed (power ~ speed^3) and takes longer.
          speed *= Math.cbrt(rated / daily)
          daily = rated
        }
        const fuel = daily * (leg.distance_nm / speed / 24)
        return {
          fuel_t: round(fuel),
          lower_t: round(fuel * Math.exp(-Z80 * sd)),
          upper_t: round(fuel * Math.exp(Z80 * sd)),
        }
      }),
  }
}
