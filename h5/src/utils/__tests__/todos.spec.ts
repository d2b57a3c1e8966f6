import { describe, expect, it } from 'vitest'
import { registration } from '@/views/registration/__tests__/fixtures'
import { candidateTodos } from '../todos'

describe('待办事项 on the candidate home', () => {
  it('lists returned applications first, then fees due, each with its registration', () => {
    const todos = candidateTodos([
      registration({ id: 'a', status: 'approved', can_pay: true }),
      registration({ id: 'b', status: 'returned', reason: '照片不清晰' }),
      registration({ id: 'c', status: 'pending' }),
      registration({ id: 'd', status: 'approved', payment_status: 'paid', can_pay: false }),
    ])
    expect(todos.map((t) => [t.kind, t.registrationId])).toEqual([['returned', 'b'], ['fee', 'a']])
    expect(todos[0].label).toContain('照片不清晰')
    expect(todos[1].title).toContain('¥120.00')
    expect(todos[1].title).toContain('电工')
  })

  it('has nothing to do when nothing is due', () => {
    expect(candidateTodos([registration()])).toEqual([])
  })
})
