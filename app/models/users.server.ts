import { asc } from "drizzle-orm";

import { users } from "../../db/schema/accounts";
import { db } from "~/utils/db.server";

/** Everyone, for the platform audit log's person filter. */
export async function listAllUsers() {
  return db.select({ userId: users.id, name: users.name }).from(users).orderBy(asc(users.name));
}
