import fs from 'node:fs';
import path from 'node:path';
import { temuConnector } from '../../../src/malls/temu';
import { DEMO_CARRIERS } from '../../../src/sandbox/demo-config';
import { expectedSign } from '../../../src/sandbox/temu/signature';
import { temuCtx, temuWorld } from '../../malls/temu/helpers';
import { TEMU_V1, TEMU_V2 } from '../../support/temu-sign-vectors';

/**
 * The sandbox checks signatures with its own signer (docs/malls/temu.md §6), so a signing bug in the
 * connector fails against the sandbox instead of being repeated by it. The connector's signer is replaced
 * here by one with a plausible bug (lower-case hex, as an MD5 helper returns it).
 */
jest.mock('../../../src/malls/temu/sign', () => {
  const actual = jest.requireActual('../../../src/malls/temu/sign');
  return {
    ...actual,
    signParams: (params: Record<string, unknown>, secret: string, md5Hex: (s: string) => string) =>
      md5Hex(secret + actual.signingString(params) + secret),
  };
});

describe('Temu sandbox signer (independent of the connector)', () => {
  test('V1: the doc confirm example, nested order as in its signing string → 4CCF2199…', () => {
    const body = JSON.parse(JSON.stringify({ ...TEMU_V1.params, sign: TEMU_V1.sign }));
    expect(expectedSign(body, TEMU_V1.secret)).toBe(TEMU_V1.sign);
  });

  test('V2: the v2.confirm split-and-ship example → 78D86872…', () => {
    const body = JSON.parse(JSON.stringify({ ...TEMU_V2.params, sign: TEMU_V2.sign }));
    expect(expectedSign(body, TEMU_V2.secret)).toBe(TEMU_V2.sign);
  });

  test('a connector whose signer is wrong is refused with 3000001', () => {
    const lines = temuConnector.check(temuCtx(temuWorld()), DEMO_CARRIERS);
    expect(lines).toEqual([{ id: 'auth', ok: false, message: expect.stringContaining('3000001') }]);
  });

  test("no sandbox module imports the connector's signer", () => {
    const dir = path.join(__dirname, '../../../src/sandbox/temu');
    for (const f of fs.readdirSync(dir)) {
      expect(fs.readFileSync(path.join(dir, f), 'utf8')).not.toMatch(/malls\/temu\/sign/);
    }
  });
});
