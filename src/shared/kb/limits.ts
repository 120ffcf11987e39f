/** Upper bounds for knowledge-base input; the hub refuses anything larger with a clear message. */
export const kbLimits = {
  title: 200,
  symptoms: 4_000,
  cause: 4_000,
  step: 1_000,
  steps: 30,
  keyword: 60,
  keywords: 20,
  tag: 40,
  tags: 20,
  query: 200,
  searchLimit: 50,
  tagsPerQuery: 20,
} as const
