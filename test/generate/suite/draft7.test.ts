import { suiteTest } from '../../helpers/suite-test.js'

suiteTest('draft-07', 'draft7', () => true)
