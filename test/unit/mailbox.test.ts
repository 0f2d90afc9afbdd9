// normaliseMailbox: the variants of one inbox count as one for the confirmation caps.
import { describe, expect, it } from 'vitest'
import { normaliseMailbox } from '../../src/domain/mailbox'

describe('normaliseMailbox', () => {
  it('lower-cases and removes a +tag for any domain', () => {
    expect(normaliseMailbox('Victim+1@Example.com')).toBe('victim@example.com')
    expect(normaliseMailbox('victim+a+b@example.com')).toBe('victim@example.com')
    expect(normaliseMailbox('first.last+x@example.com')).toBe('first.last@example.com')
  })

  it('removes dots for gmail.com and googlemail.com, which are one mailbox', () => {
    for (const v of ['j.doe@gmail.com', 'J.D.O.E+news@GMail.com', 'jdoe@googlemail.com', 'j.d.o.e@googlemail.com']) {
      expect(normaliseMailbox(v), v).toBe('jdoe@gmail.com')
    }
  })

  it('keeps different mailboxes apart', () => {
    expect(normaliseMailbox('j.doe@example.com')).not.toBe(normaliseMailbox('jdoe@example.com'))
    expect(normaliseMailbox('jdoe@gmail.com')).not.toBe(normaliseMailbox('jdoe2@gmail.com'))
  })
})
