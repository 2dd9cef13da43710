// Types for ml-logistic-regression 2 (the package ships none). Only what the examples use.
declare module 'ml-logistic-regression' {
  import type { Matrix } from 'ml-matrix'

  interface TwoClassClassifier {
    /** Probability of the "rest" side of a one-vs-rest split, per row. */
    testScores(features: Matrix): number[]
  }

  export default class LogisticRegression {
    constructor(options?: { numSteps?: number; learningRate?: number })
    numberClasses: number
    classifiers: TwoClassClassifier[]
    /** `Y` is a column vector of class indices 0..k-1. */
    train(X: Matrix, Y: Matrix): void
    predict(X: Matrix): number[]
  }
}
