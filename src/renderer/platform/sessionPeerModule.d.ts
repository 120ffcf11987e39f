declare module 'simple-peer/simplepeer.min.js' {
  /** The UMD build of simple-peer; `session.ts` describes the part of its instance this app uses. */
  const SimplePeer: new (options: object) => unknown
  export default SimplePeer
}
