/** explain and completion through the built binary; the completion scripts run in real bash and zsh. */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { needs } from '../helpers/programs.js';
import { runBin, tempDir } from '../helpers/run-bin.js';

const BASH = needs('bash');
const ZSH = needs('zsh');

describe('explain', () => {
  it('alone lists the topics', () => {
    const r = runBin(['explain']);
    expect(r.status).toBe(0);
    for (const topic of ['red-flags', 'ice-or-heat', 'precautions', 'pain-relief', 'causes', 'doctor-visit', 'outlook', 'daily-life', 'journal', 'sources']) expect(r.stdout).toContain(topic);
  });

  it.each([
    ['red-flags', [/most serious level of any sign/, /counts as applying/, /168 hours/, /pain score of 8 or more/, /aortic aneurysm/, /kidney infection/, /under 20 or over 50/, /under 16/, /Pregnancy/, /nhs-back-pain/, /nhs-aaa/]],
    ['ice-or-heat', [/under 48 hours: ice or heat \(ice is the usual habit\)/, /48 to 72 hours: ice or heat/, /from 72 hours: heat/, /Heat is fine from the first hour and has the better evidence/, /under 28 days: acute/, /over 84 days/, /acp-2017/, /cochrane-heat-cold/, /20 minutes/]],
    ['precautions', [/never change the verdict/, /diabetes/, /Raynaud/, /broken, burnt/i, /osteoporosis/i, /16 weeks/, /--force/, /brooke-wavell-2022/, /sfh-heat-ice/]],
    ['pain-relief', [/NSAIDs/, /lowest dose that works for the shortest time/, /Paracetamol on its own is not recommended/, /never gives a dose/, /over 65/, /muscle relaxant/, /nice-ng59/]],
    ['causes', [/80%/, /strain/, /allegri-2016/, /ninds-2020/, /lau-2019/]],
    ['doctor-visit', [/Scans are rarely needed at first/, /36%/, /brinjikji-2015/, /nice-ng59/, /back-relief export/]],
    ['outlook', [/within a few weeks/, /6 weeks/, /steffens-2016/, /osullivan-2020/]],
    ['daily-life', [/pillow between them/, /stay at work/, /Driving/, /mayo-sleep-positions/, /fcp-driving/]],
    ['journal', [/journal\.jsonl/, /0600/, /quarantine/, /never uses the network/]],
    ['sources', [/guideline-recommended/, /common practice/, /not recommended/, /maker of a menthol cream/, /Sources \(28\)/]],
  ])('%s: the rules, the thresholds and their sources', (topic, patterns) => {
    const r = runBin(['explain', topic]);
    expect(r.status).toBe(0);
    const flat = r.stdout.replace(/\s+/g, ' ');
    for (const p of patterns) expect(flat).toMatch(p);
    for (const line of r.stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
  });

  it('an unknown topic: exit 2 with a suggestion', () => {
    const r = runBin(['explain', 'ice-heat']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('Did you mean "ice-or-heat"?');
  });
});

function script(shell: 'bash' | 'zsh'): string {
  const r = runBin(['completion', shell]);
  expect(r.status).toBe(0);
  const file = join(tempDir(), `back-relief.${shell}`);
  writeFileSync(file, r.stdout);
  return file;
}

describe.skipIf(BASH.skip)(BASH.title('completion bash'), () => {
  function complete(line: string): string[] {
    const file = script('bash');
    const words = line.split(' ');
    const program = `source ${JSON.stringify(file)}; COMP_WORDS=(${words.map((w) => JSON.stringify(w)).join(' ')}); COMP_CWORD=${words.length - 1}; _back_relief; printf '%s\\n' "\${COMPREPLY[@]}"`;
    return execFileSync('bash', ['-c', program], { encoding: 'utf8' }).split('\n').filter(Boolean);
  }

  it.each([
    ['back-relief st', ['status', 'stretches']],
    ['back-relief stretches glute', ['glute-bridge']],
    ['back-relief remedies --category p', ['prevention', 'professional']],
    ['back-relief routine --only c', ['cat-cow', 'childs-pose']],
    ['back-relief ice --du', ['--duration']],
    ['back-relief --json stretches k', ['knee-to-chest']],
    ['back-relief completion z', ['zsh']],
    ['back-relief explain i', ['ice-or-heat']],
  ])('%j', (line, expected) => {
    expect(complete(line).sort()).toEqual(expected);
  });
});

describe.skipIf(ZSH.skip)(ZSH.title('completion zsh'), () => {
  it('is valid zsh and defines the completion function', () => {
    const file = script('zsh');
    execFileSync('zsh', ['-n', file]);
    const out = execFileSync('zsh', ['-c', `source ${JSON.stringify(file)} 2>/dev/null; whence -w _back_relief`], { encoding: 'utf8' });
    expect(out).toContain('_back_relief: function');
    const text = runBin(['completion', 'zsh']).stdout;
    expect(text).toMatch(/^#compdef back-relief/);
    for (const word of ['triage', 'glute-bridge', '--duration', '--data-dir']) expect(text).toContain(word);
  });
});

describe('completion refuses other shells', () => {
  it('fish: exit 2', () => {
    const r = runBin(['completion', 'fish']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/Allowed choices are bash, zsh/);
  });
});

describe('--json where there is information to show', () => {
  it('explain --json lists the topics; explain TOPIC --json gives the text and the thresholds', () => {
    expect((JSON.parse(runBin(['explain', '--json']).stdout) as { topic: string }[]).map((t) => t.topic)).toEqual(['red-flags', 'ice-or-heat', 'precautions', 'pain-relief', 'causes', 'doctor-visit', 'outlook', 'daily-life', 'journal', 'sources']);
    const page = JSON.parse(runBin(['explain', 'ice-or-heat', '--json']).stdout);
    expect(page.thresholds).toMatchObject({ iceOnlyBeforeHours: 48, heatFromHours: 72, painOverWeekHours: 168, subacuteFromDays: 28, chronicAfterDays: 84 });
    expect(page.text.join(' ')).toContain('under 48 hours: ice or heat');
    expect(page.sources).toContain('acp-2017');
  });

  it('the overview as JSON', () => {
    const overview = JSON.parse(runBin(['--json']).stdout);
    expect(overview.start.map((s: { command: string }) => s.command)).toEqual(['back-relief triage', 'back-relief heat', 'back-relief stretches']);
    expect(overview.forAdults).toMatch(/For adults\. Under 16/);
  });
});
