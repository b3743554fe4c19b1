import { computed, type Ref } from 'vue'
import type { HostRole } from '../api/types'
import { useHostsStore } from '../stores/hosts'

/** What each host role may do, as the gateway enforces it (issue 4's role table). */
export type Capability = 'view' | 'operate' | 'manage'

const RANK: Record<HostRole, number> = { viewer: 1, operator: 2, admin: 3 }
const NEEDS: Record<Capability, HostRole> = { view: 'viewer', operate: 'operator', manage: 'admin' }

export function allows(role: HostRole | null | undefined, capability: Capability): boolean {
  if (!role) return false
  return RANK[role] >= RANK[NEEDS[capability]]
}

export function useHostRole(hostId: Ref<string>) {
  const hosts = useHostsStore()
  const role = computed(() => hosts.roleOn(hostId.value))
  return {
    role,
    canOperate: computed(() => allows(role.value, 'operate')),
    canManage: computed(() => allows(role.value, 'manage')),
  }
}
