import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { assessConsortium, assessEligibility, isQualificationValid, type PartyFacts, type QualificationFact, type Requirement } from './eligibility'

const TODAY = '2026-11-23'
const q = (over: Partial<QualificationFact> = {}): QualificationFact => ({
  id: over.id ?? `q-${Math.random().toString(36).slice(2, 8)}`,
  specialtyCode: 'eia',
  level: 2,
  status: 'approved',
  validFrom: '2024-01-01',
  validTo: '2027-12-31',
  ...over,
})

describe('eligibility', () => {
  it('needs a verified, unexpired qualification that serves the item', () => {
    expect(assessEligibility({ qualifications: [q({ id: 'a' })], itemSpecialties: ['eia'], today: TODAY, submitted: true })).toEqual({ eligible: true, reasons: [], basis: ['a'] })
    expect(assessEligibility({ qualifications: [q({ specialtyCode: 'cost' })], itemSpecialties: ['eia'], today: TODAY, submitted: true }).reasons).toEqual([{ code: 'itemNotCovered', specialties: ['eia'] }])
  })

  it('counts the expiry day itself as valid and the day after as expired', () => {
    const one = [q({ validTo: TODAY })]
    expect(assessEligibility({ qualifications: one, itemSpecialties: ['eia'], today: TODAY, submitted: true }).eligible).toBe(true)
    const next = assessEligibility({ qualifications: one, itemSpecialties: ['eia'], today: '2026-11-24', submitted: true, requirement: { mode: 'any', specialties: ['eia'], minLevel: 3 } })
    expect(next.eligible).toBe(false)
    expect(next.reasons).toContainEqual({ code: 'expired', specialty: 'eia', validTo: TODAY })
  })

  it('explains each unmet specialty of an all-of requirement', () => {
    const requirement: Requirement = { mode: 'all', specialties: ['design-building', 'survey-geotech', 'cost', 'eia'], minLevel: 2 }
    const result = assessEligibility({
      qualifications: [
        q({ specialtyCode: 'design-building', level: 1 }),
        q({ specialtyCode: 'survey-geotech', level: 3 }),
        q({ specialtyCode: 'cost', status: 'pending' }),
      ],
      itemSpecialties: ['design-building'],
      requirement,
      today: TODAY,
      submitted: true,
    })
    expect(result.eligible).toBe(false)
    expect(result.reasons).toEqual([
      { code: 'levelTooLow', specialty: 'survey-geotech', have: 3, need: 2 },
      { code: 'notVerified', specialty: 'cost', status: 'pending' },
      { code: 'missingSpecialty', specialty: 'eia' },
    ])
  })

  it('is satisfied by one specialty of an any-of requirement at the minimum level', () => {
    const requirement: Requirement = { mode: 'any', specialties: ['mapping-engineering', 'mapping-property'], minLevel: 2 }
    const held = [q({ id: 'm', specialtyCode: 'mapping-property', level: 2 })]
    expect(assessEligibility({ qualifications: held, itemSpecialties: ['mapping-engineering', 'mapping-property'], requirement, today: TODAY, submitted: true })).toMatchObject({ eligible: true, basis: ['m'] })
  })

  it('does not count a qualification before its validity starts', () => {
    const result = assessEligibility({ qualifications: [q({ validFrom: '2026-12-01' })], itemSpecialties: ['eia'], requirement: { mode: 'any', specialties: ['eia'], minLevel: 3 }, today: TODAY, submitted: true })
    expect(result.reasons).toContainEqual({ code: 'notYetValid', specialty: 'eia', validFrom: '2026-12-01' })
  })
})

// Generated qualification sets over a few specialties, days and states.
const SPECIALTIES = ['eia', 'cost', 'tender', 'survey-geotech']
const DAYS = ['2025-06-30', '2026-01-01', '2026-11-22', '2026-11-23', '2026-11-24', '2027-06-30']
const qualArb = fc.record({
  id: fc.uuid(),
  specialtyCode: fc.constantFrom(...SPECIALTIES),
  level: fc.constantFrom(1, 2, 3),
  status: fc.constantFrom('pending', 'approved', 'approved', 'approved', 'rejected', 'changes_requested', 'expired') as fc.Arbitrary<QualificationFact['status']>,
  validFrom: fc.constantFrom(...DAYS.slice(0, 4)),
  validTo: fc.constantFrom(...DAYS.slice(2)),
})
const requirementArb = fc.record({
  mode: fc.constantFrom('any', 'all') as fc.Arbitrary<'any' | 'all'>,
  specialties: fc.uniqueArray(fc.constantFrom(...SPECIALTIES), { minLength: 1, maxLength: 4 }),
  minLevel: fc.constantFrom(1, 2, 3) as fc.Arbitrary<1 | 2 | 3>,
})
const caseArb = fc.record({
  qualifications: fc.array(qualArb, { maxLength: 8 }),
  itemSpecialties: fc.uniqueArray(fc.constantFrom(...SPECIALTIES), { minLength: 1, maxLength: 2 }),
  requirement: requirementArb,
  today: fc.constantFrom(...DAYS),
  submitted: fc.boolean(),
})

describe('eligibility properties', () => {
  it('an eligible answer is justified by valid qualifications that meet every rule', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const result = assessEligibility(c)
        if (!result.eligible) return
        const basis = c.qualifications.filter((x) => result.basis.includes(x.id))
        expect(basis.every((x) => isQualificationValid(x, c.today))).toBe(true)
        expect(basis.some((x) => c.itemSpecialties.includes(x.specialtyCode))).toBe(true)
        const ok = (s: string) => basis.some((x) => x.specialtyCode === s && x.level <= c.requirement.minLevel)
        expect(c.requirement.mode === 'all' ? c.requirement.specialties.every(ok) : c.requirement.specialties.some(ok)).toBe(true)
      }),
    )
  })

  it('gives reasons exactly when ineligible', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const result = assessEligibility(c)
        expect(result.eligible).toBe(result.reasons.length === 0)
      }),
    )
  })

  it('only valid qualifications matter: dropping the others changes nothing', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const valid = c.qualifications.filter((x) => isQualificationValid(x, c.today))
        expect(assessEligibility({ ...c, qualifications: valid }).eligible).toBe(assessEligibility(c).eligible)
      }),
    )
  })

  it('is monotone: one more qualification never takes eligibility away', () => {
    fc.assert(fc.property(caseArb, qualArb, (c, extra) => {
      if (assessEligibility(c).eligible) expect(assessEligibility({ ...c, qualifications: [...c.qualifications, extra] }).eligible).toBe(true)
    }))
  })

  it('all-of is stricter than any-of, and a higher minimum level is stricter than a lower one', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const all = assessEligibility({ ...c, requirement: { ...c.requirement, mode: 'all' } }).eligible
        const any = assessEligibility({ ...c, requirement: { ...c.requirement, mode: 'any' } }).eligible
        if (all) expect(any).toBe(true)
        const strict = assessEligibility({ ...c, requirement: { ...c.requirement, minLevel: 1 } }).eligible
        const loose = assessEligibility({ ...c, requirement: { ...c.requirement, minLevel: 3 } }).eligible
        if (strict) expect(loose).toBe(true)
      }),
    )
  })

  it('an agency that has not submitted for admission is never eligible, and says so', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const result = assessEligibility({ ...c, submitted: false })
        expect(result.eligible).toBe(false)
        expect(result.reasons[0]).toEqual({ code: 'notSubmitted' })
        // Submitting changes only that reason.
        expect(assessEligibility({ ...c, submitted: true }).reasons).toEqual(result.reasons.slice(1))
      }),
    )
  })

  it('an expired qualification never makes an agency eligible after its last day', () => {
    fc.assert(
      fc.property(qualArb, (one) => {
        const after = '2027-07-01'
        expect(assessEligibility({ qualifications: [one], itemSpecialties: [one.specialtyCode], today: after, submitted: true }).eligible).toBe(false)
      }),
    )
  })
})

describe('a consortium (联合体)', () => {
  const party = (orgId: string, itemIds: string[], qualifications: QualificationFact[]): PartyFacts => ({ orgId, itemIds, qualifications, submitted: true })
  const items = [
    { itemId: 'eia-report', specialties: ['eia'] },
    { itemId: 'cost-estimate', specialties: ['cost'] },
  ]

  it('meets an all-of requirement that no party meets alone', () => {
    const requirement: Requirement = { mode: 'all', specialties: ['eia', 'cost'], minLevel: 2 }
    const lead = party('lead', ['eia-report'], [q({ specialtyCode: 'eia', level: 1 })])
    const member = party('member', ['cost-estimate'], [q({ specialtyCode: 'cost', level: 2 })])
    expect(assessConsortium({ parties: [lead, member], items, requirement, today: TODAY })).toEqual([])
    // Alone, each misses the other's specialty.
    expect(assessEligibility({ qualifications: lead.qualifications, itemSpecialties: ['eia'], requirement, today: TODAY, submitted: true }).eligible).toBe(false)
  })

  it('takes the lowest level where several parties hold the same specialty', () => {
    const requirement: Requirement = { mode: 'all', specialties: ['eia'], minLevel: 2 }
    const lead = party('lead', ['eia-report', 'cost-estimate'], [q({ specialtyCode: 'eia', level: 1 }), q({ specialtyCode: 'cost' })])
    const weak = party('weak', ['eia-report'], [q({ specialtyCode: 'eia', level: 3 })])
    expect(assessConsortium({ parties: [lead, weak], items, requirement, today: TODAY })).toEqual([{ orgId: 'weak', reason: { code: 'levelTooLow', specialty: 'eia', have: 3, need: 2 } }])
  })

  it('divides the work: every item undertaken, every party working, each qualified for its share', () => {
    const lead = party('lead', ['eia-report'], [q({ specialtyCode: 'eia' })])
    const idle = party('idle', [], [q({ specialtyCode: 'cost' })])
    const wrong = party('wrong', ['eia-report'], [q({ specialtyCode: 'cost' })])
    expect(assessConsortium({ parties: [lead, idle, wrong], items, today: TODAY })).toEqual([
      { orgId: 'idle', reason: { code: 'noWork' } },
      { orgId: 'wrong', reason: { code: 'itemNotCovered', specialties: ['eia'] } },
      { orgId: null, reason: { code: 'itemUnassigned', itemId: 'cost-estimate' } },
    ])
  })

  it('needs every party to have submitted for admission', () => {
    const lead = party('lead', ['eia-report', 'cost-estimate'], [q({ specialtyCode: 'eia' }), q({ specialtyCode: 'cost' })])
    const member = { ...party('member', ['cost-estimate'], [q({ specialtyCode: 'cost' })]), submitted: false }
    expect(assessConsortium({ parties: [lead, member], items, today: TODAY })).toEqual([{ orgId: 'member', reason: { code: 'notSubmitted' } }])
  })

  it('judges one party undertaking every item exactly as that agency alone', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const alone = assessEligibility(c)
        const together = assessConsortium({ parties: [{ orgId: 'a', itemIds: ['i'], qualifications: c.qualifications, submitted: c.submitted }], items: [{ itemId: 'i', specialties: c.itemSpecialties }], requirement: c.requirement, today: c.today })
        expect(together.length === 0).toBe(alone.eligible)
        expect(together.map((r) => r.reason)).toEqual(alone.reasons)
      }),
    )
  })

  it('never lets a party with a lower level in a required specialty go unnoticed', () => {
    fc.assert(
      fc.property(caseArb, fc.array(qualArb, { maxLength: 6 }), (c, others) => {
        const parties = [
          { orgId: 'a', itemIds: ['i'], qualifications: c.qualifications, submitted: true },
          { orgId: 'b', itemIds: ['i'], qualifications: others, submitted: true },
        ]
        if (assessConsortium({ parties, items: [{ itemId: 'i', specialties: c.itemSpecialties }], requirement: c.requirement, today: c.today }).length) return
        const level = (qs: QualificationFact[], s: string) => Math.min(...qs.filter((x) => x.specialtyCode === s && isQualificationValid(x, c.today)).map((x) => x.level))
        const met = (s: string) => {
          const held = parties.map((p) => level(p.qualifications, s)).filter(Number.isFinite)
          return held.length > 0 && held.every((l) => l <= c.requirement.minLevel)
        }
        expect(c.requirement.mode === 'all' ? c.requirement.specialties.every(met) : c.requirement.specialties.some(met)).toBe(true)
      }),
    )
  })
})
