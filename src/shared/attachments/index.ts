export * from './schema'
export * from './sniff'
