/**
 * The voyage planner's client for the fuel model served by MLflow (`POST /invocations`): the legs
 * go as one `dataframe_split` batch, the estimates come back in `predictions`, one per leg.
 */

/** One input record of `contracts/fuel-consumption.contract.yaml`. */
export interface VoyageLeg {
  vessel_type: 'bulk_carrier' | 'container' | 'tanker' | 'general_cargo' | 'ro_ro'
  deadweight_t: number
  distance_nm: number
  avg_speed_kn: number
  draft_m: number
  wind_speed_kn: number
  wave_height_m: number
  days_since_hull_cleaning?: number
}

/** One output record of the contract. */
export interface FuelEstimate {
  fuel_t: number
  lower_t: number
  upper_t: number
}

export class FuelModelError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message)
    this.name = 'FuelModelError'
  }
}

const columns = [
  'vessel_type',
  'deadweight_t',
  'distance_nm',
  'avg_speed_kn',
  'draft_m',
  'wind_speed_kn',
  'wave_height_m',
  'days_since_hull_cleaning',
] as const

export async function estimateFuel(
  legs: readonly VoyageLeg[],
  options: { baseUrl: string; timeoutMs?: number },
): Promise<FuelEstimate[]> {
  const body = {
    dataframe_split: { columns, data: legs.map((leg) => columns.map((c) => leg[c] ?? null)) },
  }
  let response: Response
  try {
    response = await fetch(new URL('/invocations', options.baseUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(options.timeoutMs ?? 5000),
    })
  } catch (error) {
    throw new FuelModelError(
      `fuel model unreachable: ${error instanceof Error ? error.message : String(error)}`,
    )
  }
  const answer = (await response.json().catch(() => undefined)) as
    { predictions?: FuelEstimate[]; message?: string } | undefined
  if (!response.ok)
    throw new FuelModelError(
      `fuel model answered ${response.status}: ${answer?.message ?? ''}`,
      response.status,
    )
  if (!Array.isArray(answer?.predictions) || answer.predictions.length !== legs.length) {
    throw new FuelModelError(
      `fuel model answered ${answer?.predictions?.length ?? 'no'} estimates for ${legs.length} legs`,
    )
  }
  return answer.predictions
}
