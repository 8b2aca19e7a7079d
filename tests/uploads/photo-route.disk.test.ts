import { photoRouteCases } from './photo-route.cases';

describe('GET /uploads/<key> with PHOTO_STORE=disk', () => photoRouteCases('disk'));
