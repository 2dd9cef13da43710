/**
 * A multi-class text classifier on top of ml-logistic-regression (mljs): one-vs-rest logistic
 * regressions trained by batch gradient descent, combined by a softmax over their log-odds so the
 * class probabilities sum to 1.
 */
import LogisticRegression from 'ml-logistic-regression'
import { Matrix } from 'ml-matrix'

export interface OvrClassifier<Label extends string> {
  /** The labels, in the order of `proba`'s entries. */
  readonly labels: readonly Label[]
  /** Class probabilities (sum to 1) for each row of features. */
  proba(rows: readonly Float64Array[]): number[][]
  /** Accuracy on the training rows, for the start-up log. */
  readonly trainingAccuracy: number
}

export interface TrainOptions {
  /** Gradient steps (default 300). */
  readonly steps?: number
  /** Learning rate (default 0.05). */
  readonly learningRate?: number
}

/** Trains one classifier; deterministic (the library starts from zero weights, no shuffling). */
export function trainOvrClassifier<Label extends string>(
  rows: readonly Float64Array[],
  targets: readonly Label[],
  labels: readonly Label[],
  options: TrainOptions = {},
): OvrClassifier<Label> {
  const X = new Matrix(rows.map((row) => [...row, 1]))
  const Y = Matrix.columnVector(targets.map((t) => labels.indexOf(t)))
  const model = new LogisticRegression({
    numSteps: options.steps ?? 300,
    learningRate: options.learningRate ?? 0.05,
  })
  model.train(X, Y)
  const proba = (input: readonly Float64Array[]): number[][] => {
    if (input.length === 0) return []
    const features = new Matrix(input.map((row) => [...row, 1]))
    // The library's class-i classifier scores P(not i); its log-odds for i is log((1-s)/s).
    const rest = model.classifiers.map((c) => c.testScores(features))
    return input.map((_, row) => {
      const logits = labels.map((_, k) => {
        const s = Math.min(Math.max(rest[k]![row]!, 1e-12), 1 - 1e-12)
        return Math.log((1 - s) / s)
      })
      const max = Math.max(...logits)
      const exps = logits.map((l) => Math.exp(l - max))
      const sum = exps.reduce((a, b) => a + b, 0)
      return exps.map((e) => e / sum)
    })
  }
  const predicted = proba(rows)
  let correct = 0
  predicted.forEach((p, i) => {
    if (labels[p.indexOf(Math.max(...p))] === targets[i]) correct++
  })
  return { labels, proba, trainingAccuracy: correct / rows.length }
}
