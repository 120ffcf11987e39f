// The prebuilt browser bundle: the package's main entry needs Node's stream and process shims.
import SimplePeer from 'simple-peer/simplepeer.min.js'
import type { CreatePeer, PeerLike } from './session'

/** Peers for the renderer: the browser's own WebRTC, trickled candidates, no debug output. */
export const createBrowserPeer: CreatePeer = (options) => new SimplePeer({ ...options, trickle: true }) as PeerLike
