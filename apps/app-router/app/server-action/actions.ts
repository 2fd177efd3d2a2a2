"use server";

// A Server Action: the mutation runs on the Next.js server (fetchMutation), then the page is re-rendered.
// Server Actions are public endpoints: anyone can call this one with any serialisable arguments, not just the form's
// FormData. Bad input comes back as the action's error state (never a 500) and nothing is written. It writes as
// the signed-in user (their Convex token), so the task is theirs and counts against their rate limit.
import { getConvexToken } from "@repo/auth/app-server";
import { api } from "@repo/convex/api";
import { cleanText, DEFAULT_LIST, TASK_TEXT_MAX } from "@repo/convex/limits";
import { rateLimitMessage } from "@repo/convex/rate-limit";
import { fetchMutation } from "convex/nextjs";
import { ConvexError } from "convex/values";
import { revalidatePath } from "next/cache";

import { env } from "../../env";

export interface AddTaskState {
  error: string | null;
  added: string | null;
}

const refuse = (error: string): AddTaskState => ({ error, added: null });

export async function addTask(_previous: AddTaskState, form: unknown): Promise<AddTaskState> {
  if (!(form instanceof FormData)) return refuse("Send the task as form data.");
  const text = form.get("text");
  // A File, or no field at all, where `tasks.create` takes `text: v.string()`.
  if (typeof text !== "string") return refuse("Task text is required.");
  let added: string;
  try {
    // The mutation's own rule (limits.ts), so oversize text never reaches Convex.
    added = cleanText("Task text", text, TASK_TEXT_MAX);
    const token = await getConvexToken();
    await fetchMutation(
      api.tasks.create,
      { text, list: DEFAULT_LIST },
      { url: env.convexUrl, ...(token === undefined ? {} : { token }) },
    );
  } catch (error) {
    if (error instanceof ConvexError && typeof error.data === "string") return refuse(error.data);
    // The rate limiter's refusal (tasks.create over the caller's limit): "try again in N s".
    const limited = rateLimitMessage(error);
    if (limited !== null) return refuse(limited);
    throw error;
  }
  revalidatePath("/server-action");
  return { error: null, added };
}
