import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { assessEligibility, isQualificationValid, type QualificationFact, type Requirement } from './eligibility'

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
