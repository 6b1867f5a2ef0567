import { fileURLToPath } from 'node:url';
import { describe } from 'vitest';
import { replayFixtures } from '../transcript-replay';

describe('openai-chat recorded transcripts', () => {
  replayFixtures('openai-chat', fileURLToPath(new URL('./fixtures', import.meta.url)));
});
