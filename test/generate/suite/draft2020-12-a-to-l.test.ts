import { suiteTest } from '../../helpers/suite-test.js'

suiteTest(
  '2020-12',
  'draft2020-12',
  (file) => !file.includes('/optional/') && /\/[a-l][^/]*$/.test(file),
)
