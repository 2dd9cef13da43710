/**
 * The voyage-planning service (express): `POST /plans` takes a vessel and its planned legs with the
 * weather forecast, asks the fuel model for every leg in one call, and answers the fuel per leg,
 * the total, and the bunker order: the sum of the upper bounds plus the company's 5% reserve,
 * rounded up to whole tonnes. A plan whose estimates are not sane (negative, or a value outside
 * its own interval) is refused rather than bunkered.
 */
import express, { type Express } from 'express'
import { estimateFuel, FuelModelError, type FuelEstimate, type VoyageLeg } from './fuel-client.js'

export interface Plan {
  vessel: Pick<VoyageLeg, 'vessel_type' | 'deadweight_t' | 'draft_m' | 'days_since_hull_cleaning'>
  legs: ({ from: string; to: string } & Pick<
    VoyageLeg,
    'distance_nm' | 'avg_speed_kn' | 'wind_speed_kn' | 'wave_height_m'
  >)[]
}

export const RESERVE = 0.05

function sane(e: FuelEstimate): boolean {
  return e.fuel_t >= 0 && e.lower_t >= 0 && e.lower_t <= e.fuel_t && e.fuel_t <= e.upper_t
}

export function createPlanningApp(options: { modelUrl: string }): Express {
  const app = express()
  app.use(express.json({ limit: '256kb' }))
  app.get('/health', (_req, res) => void res.json({ status: 'ok' }))
  app.post('/plans', async (req, res) => {
    const plan = req.body as Partial<Plan> | undefined
    if (!plan?.vessel || !Array.isArray(plan.legs) || plan.legs.length === 0) {
      res.status(400).json({ error: 'a plan needs a vessel and at least one leg' })
      return
    }
    const legs: VoyageLeg[] = plan.legs.map((leg) => ({
      vessel_type: plan.vessel!.vessel_type,
      deadweight_t: plan.vessel!.deadweight_t,
      draft_m: plan.vessel!.draft_m,
      ...(plan.vessel!.days_since_hull_cleaning !== undefined
        ? { days_since_hull_cleaning: plan.vessel!.days_since_hull_cleaning }
        : {}),
      distance_nm: leg.distance_nm,
      avg_speed_kn: leg.avg_speed_kn,
      wind_speed_kn: leg.wind_speed_kn,
      wave_height_m: leg.wave_height_m,
    }))
    let estimates: FuelEstimate[]
    try {
      estimates = await estimateFuel(legs, { baseUrl: options.modelUrl })
    } catch (error) {
      if (!(error instanceof FuelModelError)) throw error
      const rejected = error.status !== undefined && error.status < 500
      res.status(rejected ? 422 : 502).json({ error: error.message })
      return
    }
    const insane = estimates.findIndex((e) => !sane(e))
    if (insane >= 0) {
      res.status(502).json({
        error: `the fuel model's estimate for leg ${insane} is not sane`,
        estimate: estimates[insane],
      })
      return
    }
    const total = estimates.reduce((sum, e) => sum + e.fuel_t, 0)
    const upper = estimates.reduce((sum, e) => sum + e.upper_t, 0)
    res.json({
      legs: plan.legs.map((leg, i) => ({ from: leg.from, to: leg.to, ...estimates[i]! })),
      total_fuel_t: Math.round(total * 100) / 100,
      bunker_order_t: Math.ceil(upper * (1 + RESERVE)),
    })
  })
  return app
}
