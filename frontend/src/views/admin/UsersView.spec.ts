import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import * as users from '../../api/users'
import { useSessionStore } from '../../stores/session'
import UsersView from './UsersView.vue'

vi.mock('../../api/users')

const list = [
  { id: 1, username: 'root', globalRole: 'admin' as const, disabled: false },
  { id: 2, username: 'dev', globalRole: 'user' as const, disabled: false },
]

async function render() {
  setActivePinia(createPinia())
  useSessionStore().user = list[0]
  vi.mocked(users.listUsers).mockResolvedValue(list)
  const w = mount(UsersView)
  await flushPromises()
  return w
}

describe('UsersView', () => {
  beforeEach(() => vi.resetAllMocks())

  it('changes roles and disables accounts, but never your own', async () => {
    const w = await render()
    expect(w.get('select[aria-label="Global role of root"]').attributes('disabled')).toBeDefined()
    expect(w.get('[data-user=root]').text()).not.toContain('Delete')
    await w.get('select[aria-label="Global role of dev"]').setValue('admin')
    await w.get('input[aria-label="dev enabled"]').setValue(false)
    await flushPromises()
    expect(vi.mocked(users.updateUser).mock.calls).toEqual([[2, { globalRole: 'admin' }], [2, { disabled: true }]])
  })

  it('shows why a new user was refused', async () => {
    const w = await render()
    vi.mocked(users.createUser).mockRejectedValue(new Error('password must be at least 10 characters'))
    await w.get('input[name=new-username]').setValue('x')
    await w.get('input[name=new-password]').setValue('short')
    await w.get('form').trigger('submit')
    await flushPromises()
    expect(w.get('[role=alert]').text()).toBe('password must be at least 10 characters')
  })
})
