"use server";
// A Server Action: the mutation runs on the Next.js server (fetchMutation), then the page is re-rendered.
import { api } from "@repo/convex/api";
import { DEFAULT_LIST } from "@repo/convex/limits";
import { fetchMutation } from "convex/nextjs";
import { ConvexError } from "convex/values";
import { revalidatePath } from "next/cache";

import { env } from "../../env";

export interface AddTaskState {
  error: string | null;
  added: string | null;
}

export async function addTask(_previous: AddTaskState, form: FormData): Promise<AddTaskState> {
  const text = form.get("text");
  if (typeof text !== "string") return { error: "Task text is required.", added: null };
  try {
    await fetchMutation(api.tasks.create, { text, list: DEFAULT_LIST }, { url: env.convexUrl });
  } catch (error) {
    if (error instanceof ConvexError && typeof error.data === "string")
      return { error: error.data, added: null };
    throw error;
  }
  revalidatePath("/server-action");
  return { error: null, added: text.trim() };
}
