import { expect, it } from 'vitest'
import { renderHtml } from '../../src/report/index.js'
import { streamingCharts } from '../../src/report/html-charts.js'
import { sampleResult } from './sample-result.js'

const streamed = {
  ...sampleResult(),
  streaming: {
    count: 4,
    timeToFirstToken: [210, 220, 230, 640],
    tokensPerSecond: [52, 53, 51, 12],
  },
}

it('charts time to first token and tokens per second of the streams', () => {
  const charts = streamingCharts(streamed)
  expect(charts.map((c) => [c.title, c.counts.reduce((a, b) => a + b, 0)])).toEqual([
    ['time to first token of 4 streams (ms)', 4],
    ['tokens per second of 4 streams', 4],
  ])
  const html = renderHtml(streamed)
  const data = JSON.parse(
    /<script id="chart-data" type="application\/json">(.*?)<\/script>/s.exec(html)?.[1] ?? '[]',
  ) as { id: string }[]
  expect(data.map((c) => c.id)).toEqual(
    expect.arrayContaining(['chart-latency', 'chart-stream-0', 'chart-stream-1']),
  )
  expect(html).toContain('time to first token of 4 streams (ms)')
})

it('draws no stream chart for a run without streams', () => {
  expect(streamingCharts(sampleResult())).toEqual([])
  expect(renderHtml(sampleResult())).not.toContain('chart-stream-')
})
