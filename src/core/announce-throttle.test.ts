import { describe, expect, it } from 'vitest';
import { INITIAL_ANNOUNCE, planAnnouncement } from './announce-throttle.js';

describe('planAnnouncement', () => {
  it('speaks changes only, and not sooner than the interval', () => {
    const a = planAnnouncement(INITIAL_ANNOUNCE, 0, 'Move closer', 2000);
    expect(a.speak).toBe('Move closer');
    const same = planAnnouncement(a.state, 3000, 'Move closer', 2000);
    expect(same.speak).toBeNull();
    const early = planAnnouncement(a.state, 500, 'Hold still', 2000);
    expect(early).toMatchObject({ speak: null, retryAt: 2000 });
    expect(early.state.pending).toBe('Hold still');
    const later = planAnnouncement(early.state, 2000, 'Hold still', 2000);
    expect(later.speak).toBe('Hold still');
    expect(planAnnouncement(later.state, 9000, null, 2000).speak).toBeNull();
  });

  it('drops a pending change that reverted to what was last spoken', () => {
    const a = planAnnouncement(INITIAL_ANNOUNCE, 0, 'A', 2000);
    const b = planAnnouncement(a.state, 100, 'B', 2000);
    const c = planAnnouncement(b.state, 200, 'A', 2000);
    expect(c).toMatchObject({ speak: null, retryAt: null, state: { pending: null } });
  });
});
