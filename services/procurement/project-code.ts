/**
 * 项目代码 of the national investment project online approval platform (全国投资项目在线审批监管
 * 平台): YYYY-RRRRRR-II-TT-NNNNNN, the year it was registered, the region code (GB/T 2260), the
 * industry, the project type and a serial number, e.g. 2026-450802-48-01-012345.
 */
export const PROJECT_CODE = /^(\d{4})-(\d{6})-(\d{2})-(\d{2})-(\d{6})$/

export type ProjectCodeProblem = 'format' | 'year'

export function projectCodeProblem(code: string, thisYear: number): ProjectCodeProblem | null {
  const m = PROJECT_CODE.exec(code)
  if (!m) return 'format'
  const year = Number(m[1])
  // The platform has issued codes since 2014; none is dated after this year.
  if (year < 2014 || year > thisYear) return 'year'
  return null
}

export function projectCodeRegion(code: string): string | null {
  return PROJECT_CODE.exec(code)?.[2] ?? null
}
