import { Faker, en } from '@faker-js/faker'
import { expect, it } from 'vitest'
import { createFakeText } from '../../src/generate/fake-text.js'
import { createRng } from '../../src/generate/index.js'
import type { Rng } from '../../src/generate/index.js'

// standin draws lorem.sentence and lorem.word itself (faker copies its 999-word list on every
// word): the same words, drawn from the same rng numbers, as faker with that rng as randomizer.
it('draws lorem.sentence and lorem.word exactly as faker does, from the same rng numbers', () => {
  let current: Rng = createRng(0)
  const faker = new Faker({
    locale: [en],
    randomizer: { next: () => current.next(), seed: () => undefined },
  })
  const fast = createFakeText()
  for (let seed = 0; seed < 2000; seed++) {
    const ours = createRng(seed)
    current = createRng(seed)
    expect(fast.text('lorem.sentence', ours)).toBe(faker.lorem.sentence())
    expect(fast.text('lorem.word', ours)).toBe(faker.lorem.word())
    expect(ours.next()).toBe(current.next())
  }
})
