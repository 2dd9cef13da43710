export default { test: { include: ['vitest/**/*.test.js'], pool: 'forks', testTimeout: 60000 } }
