import { describe, expect, it } from 'vitest'
import '~/i18n/messages.server'
import { firstErrors } from '~/components/checked-form'
import { bidForm, joinForm } from '~/forms/agency'
import { amendmentForm, decisionForm } from '~/forms/owner'
import { itemTermsForm, setDayForm } from '~/forms/office'
import { checkForm } from '~/utils/form-spec'

/*
 * A form spec is what both the browser (before sending) and the action (on arrival) check a form
 * with: the form data as sent, made into the schema's input, the errors named as the form names
 * its fields. These are the mappings that are easy to get wrong.
 */
const form = (entries: Array<[string, string]>) => {
  const data = new FormData()
  for (const [key, value] of entries) data.append(key, value)
  return data
}

describe('a form spec', () => {
  it('puts a consortium member error beside the slot it was typed in, not the member index', () => {
    const sent = form([['price', '50,000'], ['committedDays', '8'], ['accept', 'yes'], ['member1Uscc', ''], ['member2Uscc', '91450800short']])
    const checked = checkForm(bidForm, sent)
    expect(checked).toEqual({ ok: false, errors: { member2Uscc: 'errors.usccLength' } })
  })

  it('takes repeated checkboxes as lists, one ticked box too', () => {
    const id = '00000000-0000-4000-8000-000000000001'
    const checked = checkForm(bidForm, form([['price', '50,000'], ['committedDays', '8'], ['accept', 'yes'], ['practitionerIds', id]]))
    expect(checked.ok && checked.data.practitionerIds).toEqual([id])
    expect(checked.ok && checked.data.price).toBe(5_000_000)
    const terms = checkForm(itemTermsForm, form([['nameZh', '节能审查意见咨询'], ['nameEn', 'Energy review'], ['standardDays', '5'], ['legalBasis', '《固定资产投资项目节能审查办法》'], ['authorityZh', '发展改革委'], ['authorityEn', 'DRC'], ['feeMin', '八千']]))
    expect(terms).toEqual({ ok: false, errors: { feeMin: 'errors.amount', specialties: 'errors.chooseSpecialty' } })
  })

  it('names the first error per field, with the message the server gives', () => {
    // The rules across fields are asked along with each field's own, so one submit names them all.
    const amend = checkForm(amendmentForm, form([['maxPrice', '40,000'], ['expectedDays', '10'], ['method', 'reverse_auction'], ['reason', '短']]))
    expect(amend).toEqual({ ok: false, errors: { reason: 'errors.reasonShort', minStep: 'errors.required' } })
    const later = checkForm(amendmentForm, form([['maxPrice', '40,000'], ['expectedDays', '10'], ['method', 'reverse_auction'], ['reason', '为充分竞争改为网上竞价']]))
    expect(later).toEqual({ ok: false, errors: { minStep: 'errors.required' } })
    expect(checkForm(decisionForm, form([['decision', 'return'], ['reason', '']]))).toEqual({ ok: false, errors: { reason: 'errors.reasonRequired' } })
    // Nothing is ticked for the owner: accepting cannot be undone, so no choice is no decision.
    expect(checkForm(decisionForm, form([['reason', '']]))).toEqual({ ok: false, errors: { decision: 'errors.choose' } })
    expect(checkForm(setDayForm, form([['day', '2027-02-30'], ['kind', 'workday']]))).toEqual({ ok: false, errors: { day: 'errors.date', nameZh: 'errors.required' } })
  })

  it('adds what the form does not send: the answer to an invitation is the button pressed', () => {
    const bidId = '00000000-0000-4000-8000-000000000002'
    expect(checkForm(joinForm('decline'), form([['bidId', bidId], ['reason', '人员不足，无法参加']]))).toEqual({ ok: true, data: { answer: 'decline', bidId, reason: '人员不足，无法参加' } })
    expect(checkForm(joinForm('accept'), form([['bidId', bidId]]))).toEqual({ ok: false, errors: { accept: 'errors.mustAccept' } })
  })

  it('reads conform’s errors back by field, first message each', () => {
    expect(firstErrors({})).toBeNull()
    expect(firstErrors({ 'itemCodes[2]': ['errors.choose'], itemCodes: ['errors.chooseItems'], price: ['errors.amount', 'errors.required'] })).toEqual({ itemCodes: 'errors.choose', price: 'errors.amount' })
  })
})
