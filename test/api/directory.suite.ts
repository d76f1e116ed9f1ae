import { startTestHerald, type Driver, type TestHerald } from '../support/harness';

/** Directory: `PUT/GET/DELETE /v1/organizations/{id}` and `/v1/users/{id}`. */
export function directorySuite(driver: Driver): void {
  describe(`directory (${driver})`, () => {
    let h: TestHerald;
    beforeAll(async () => {
      h = await startTestHerald(driver);
    });
    afterAll(() => h.close());

    test('when an organization is PUT twice, then 201 then 200, and GET returns it', async () => {
      const first = await h.api().put('/v1/organizations/org-a').send({ name: 'Org A' });
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({ id: 'org-a', name: 'Org A', active: true });
      const second = await h.api().put('/v1/organizations/org-a').send({ name: 'Org A2', active: false });
      expect(second.status).toBe(200);
      const got = await h.api().get('/v1/organizations/org-a').expect(200);
      expect(got.body).toMatchObject({ id: 'org-a', name: 'Org A2', active: false });
    });

    test('when a user is PUT, then it is stored with defaults and can be deleted', async () => {
      const put = await h.api().put('/v1/users/u-1').send({ organizationId: 'org-a', email: 'u1@example.com', firstName: 'U', lastName: 'One' });
      expect(put.status).toBe(201);
      expect(put.body).toMatchObject({ id: 'u-1', organizationId: 'org-a', email: 'u1@example.com', active: true });
      await h.api().delete('/v1/users/u-1').expect(204);
      const gone = await h.api().get('/v1/users/u-1');
      expect(gone.status).toBe(404);
      expect(gone.body.error.code).toBe('not_found');
    });

    test('when a user body is invalid, then 400 names each failing field', async () => {
      const res = await h.api().put('/v1/users/u-2').send({ email: 'not-an-email', active: 'yes' });
      expect(res.status).toBe(400);
      const paths = res.body.error.details.map((d: { path: string }) => d.path);
      expect(paths).toEqual(expect.arrayContaining(['organizationId', 'email', 'active']));
    });

    test('when an unknown organization is deleted, then 404', async () => {
      await h.api().delete('/v1/organizations/nope').expect(404);
    });
  });
}
