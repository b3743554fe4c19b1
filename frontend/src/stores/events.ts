import { defineStore } from 'pinia'
import { reactive, ref } from 'vue'
import { getMe } from '../api/auth'
import { openLive, POLICY_CLOSE, type Envelope, type LiveChannel, type LiveState } from '../live/socket'

/** One engine event as the gateway relays it (Docker's event JSON, as is). */
export interface EngineEvent {
  Type: string
  Action: string
  Actor?: { ID?: string; Attributes?: Record<string, string> }
  time?: number
  timeNano?: number
}

export interface LiveEvent {
  host: string
  cursor?: string
  event: EngineEvent
}

export type EventListener = (e: LiveEvent) => void
export type ResyncListener = () => void

const TYPES = 'container,image,volume,network'

/**
 * The events WebSocket: one for the whole app, opened by the signed-in shell. Screens
 * subscribe instead of polling. After a drop it reconnects with the last cursor, so the
 * gateway replays what was missed; screens also get a resync call whenever the stream goes
 * live, to catch up on anything the stream could not replay.
 */
export const useEventsStore = defineStore('events', () => {
  const state = ref<LiveState | 'idle'>('idle')
  /** Engine streams the gateway reported down (host id -> state). */
  const hostStates = reactive<Record<string, 'up' | 'down'>>({})
  let cursor: string | undefined
  let channel: LiveChannel | null = null
  const listeners = new Set<EventListener>()
  const resyncers = new Set<ResyncListener>()

  function onMessage(msg: Envelope) {
    if (msg.type === 'event' && typeof msg.host === 'string' && msg.event && typeof msg.event === 'object') {
      if (typeof msg.cursor === 'string') cursor = msg.cursor
      const e: LiveEvent = { host: msg.host, cursor: msg.cursor as string | undefined, event: msg.event as EngineEvent }
      listeners.forEach((fn) => fn(e))
    } else if (msg.type === 'host' && typeof msg.host === 'string' && (msg.state === 'up' || msg.state === 'down')) {
      const back = hostStates[msg.host] === 'down' && msg.state === 'up'
      hostStates[msg.host] = msg.state
      if (back) resyncers.forEach((fn) => fn())
    }
  }

  // Every time the stream goes live (the first time too: a screen may have loaded its list
  // before the socket opened, and events in between would be lost), screens reload once.
  function onState(next: LiveState, detail: { code?: number } = {}) {
    state.value = next
    if (next === 'open') resyncers.forEach((fn) => fn())
    if (next === 'closed' && detail.code === POLICY_CLOSE && channel) {
      // The gateway ended the session's socket (token expired or revoked, account disabled).
      // Ask over HTTP: a 401 there sends the user to the login screen (the one place that
      // handles it); if the session is still good the stream starts again.
      channel = null
      getMe().then(
        () => { if (!channel && state.value === 'closed') start() },
        () => {},
      )
    }
  }

  function start(): void {
    if (channel) return
    channel = openLive({
      kind: 'events',
      path: '/events/live',
      query: () => ({ types: TYPES, since: cursor }),
      reconnect: true,
      onMessage,
      onState,
    })
  }

  function stop(): void {
    channel?.close()
    channel = null
    cursor = undefined
    state.value = 'idle'
  }

  /** Skips the rest of the backoff wait (the gateway is known to answer again). */
  function retryNow(): void {
    if (channel && state.value === 'retrying') channel.reopen()
  }

  /** Calls fn for every event; returns the unsubscribe function. */
  function subscribe(fn: EventListener): () => void {
    listeners.add(fn)
    return () => listeners.delete(fn)
  }

  /** Calls fn when the stream comes back after a loss, so a screen can reload once. */
  function onResync(fn: ResyncListener): () => void {
    resyncers.add(fn)
    return () => resyncers.delete(fn)
  }

  return { state, hostStates, start, stop, retryNow, subscribe, onResync }
})
