/**
 * Smoke test of the whole planning pipeline on a chunk of the shipped voyage data: the planning
 * service (express, driven by supertest) calls the fuel model, here the stand-in's express app
 * (`createMockApp`) listening on a local port. The same test runs unchanged against the real
 * model by pointing `modelUrl` at it.
 */
import { readFileSync } from 'node:fs'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import request from 'supertest'
import { createMockApp, loadContract } from 'standin'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createPlanningApp, type Plan } from './planning-app.js'

const contract = await loadContract(
  new URL('../../../contracts/fuel-consumption.contract.yaml', import.meta.url).pathname,
)
const mockApp = createMockApp([contract], { seed: 7, latency: 0 })
let model: Server
let planner: ReturnType<typeof createPlanningApp>

beforeAll(async () => {
  model = await new Promise<Server>((resolve) => {
    const server = mockApp.listen(0, '127.0.0.1', () => resolve(server))
  })
  planner = createPlanningApp({
    modelUrl: `http://127.0.0.1:${(model.address() as AddressInfo).port}`,
  })
})
afterAll(() => new Promise<void>((resolve) => model.close(() => resolve())))

/** The first 15 voyage legs of the shipped data, each as a one-leg plan. */
const chunk: Plan[] = readFileSync(new URL('../data/voyages.csv', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .slice(1, 16)
  .map((line) => {
    const [type, dwt, distance, speed, draft, wind, wave, hull] = line.split(',')
    return {
      vessel: {
        vessel_type: type as Plan['vessel']['vessel_type'],
        deadweight_t: Number(dwt),
        draft_m: Number(draft),
        days_since_hull_cleaning: Number(hull),
      },
      legs: [
        {
          from: 'A',
          to: 'B',
          distance_nm: Number(distance),
          avg_speed_kn: Number(speed),
          wind_speed_kn: Number(wind),
          wave_height_m: Number(wave),
        },
      ],
    }
  })

it('plans every leg of the smoke chunk with sane estimates and a bunker order above the total', async () => {
  for (const plan of chunk) {
    const response = await request(planner).post('/plans').send(plan).expect(200)
    const [leg] = response.body.legs
    expect(leg.fuel_t).toBeGreaterThanOrEqual(0)
    expect(leg.lower_t).toBeLessThanOrEqual(leg.fuel_t)
    expect(leg.fuel_t).toBeLessThanOrEqual(leg.upper_t)
    expect(response.body.bunker_order_t).toBeGreaterThanOrEqual(response.body.total_fuel_t)
  }
})

it('plans a four-leg feeder rotation in one model call', async () => {
  const rotation: Plan = {
    vessel: {
      vessel_type: 'container',
      deadweight_t: 23000,
      draft_m: 9.2,
      days_since_hull_cleaning: 140,
    },
    legs: [
      {
        from: 'Rotterdam',
        to: 'Gothenburg',
        distance_nm: 575,
        avg_speed_kn: 16.5,
        wind_speed_kn: 18,
        wave_height_m: 1.8,
      },
      {
        from: 'Gothenburg',
        to: 'Aarhus',
        distance_nm: 140,
        avg_speed_kn: 15,
        wind_speed_kn: 12,
        wave_height_m: 1.1,
      },
      {
        from: 'Aarhus',
        to: 'Hamburg',
        distance_nm: 330,
        avg_speed_kn: 15,
        wind_speed_kn: 10,
        wave_height_m: 0.8,
      },
      {
        from: 'Hamburg',
        to: 'Rotterdam',
        distance_nm: 290,
        avg_speed_kn: 16,
        wind_speed_kn: 22,
        wave_height_m: 2.4,
      },
    ],
  }
  const response = await request(planner).post('/plans').send(rotation).expect(200)
  expect(response.body.legs.map((l: { to: string }) => l.to)).toEqual([
    'Gothenburg',
    'Aarhus',
    'Hamburg',
    'Rotterdam',
  ])
  // The first leg is the contract's golden example: the stand-in replays its estimate.
  expect(response.body.legs[0]).toMatchObject({ fuel_t: 62.4, lower_t: 55.1, upper_t: 70.2 })
})

it('refuses a plan without legs before calling the model', async () => {
  await request(planner)
    .post('/plans')
    .send({ vessel: chunk[0]!.vessel, legs: [] })
    .expect(400, { error: 'a plan needs a vessel and at least one leg' })
})

it('answers 422 when the model rejects a leg outside its envelope', async () => {
  const plan = { ...chunk[0]!, legs: [{ ...chunk[0]!.legs[0]!, avg_speed_kn: 40 }] }
  const response = await request(planner).post('/plans').send(plan).expect(422)
  expect(response.body.error).toMatch(/^fuel model answered 4\d\d/)
})

it('speaks the MLflow scoring protocol the planner relies on (dataframe_split in, predictions out)', async () => {
  const legs = chunk.slice(0, 3).map((p) => ({ ...p.vessel, ...p.legs[0]! }))
  const columns = [
    'vessel_type',
    'deadweight_t',
    'distance_nm',
    'avg_speed_kn',
    'draft_m',
    'wind_speed_kn',
    'wave_height_m',
  ] as const
  const response = await request(mockApp)
    .post('/invocations')
    .send({ dataframe_split: { columns, data: legs.map((l) => columns.map((c) => l[c])) } })
    .expect(200)
  expect(response.body.predictions).toHaveLength(3)
})
