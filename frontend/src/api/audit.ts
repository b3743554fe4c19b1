import { get } from './http'
import type { AuditEntry, Page } from './types'

export interface AuditFilter {
  user?: string
  action?: string
  host?: string
  outcome?: string
  from?: string
  to?: string
  limit?: number
  offset?: number
}

export const listAudit = (filter: AuditFilter) => get<Page<AuditEntry>>('/audit', { ...filter })
