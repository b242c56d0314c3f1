"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { fetchJson, postJson } from "@/lib/api-client";
import type { Role, UserDto } from "@/lib/auth/types";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { SubmitButton } from "@/components/ui/submit-button";
import { QueryStatus } from "@/components/ui/query-status";
import { TimeAgo } from "../ui/time-ago";
import { PasswordField } from "./password-field";
import { RequestForm } from "@/components/ui/request-form";

const usersQuery = { queryKey: ["users"], queryFn: () => fetchJson<{ users: UserDto[] }>("/api/users") };

/** Admins add users, change roles, reset passwords and remove users; every change lands in the audit log. */
export function UsersAdminView({ me }: { me: string }) {
  const t = useTranslations("auth.users");
  const { data, error, isPending } = useQuery(usersQuery);
  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <QueryStatus isPending={isPending} error={error} loading={t("loading")} failed={t("failed")} />
      {data && <UserTable users={data.users} me={me} />}
      <AddUser />
    </div>
  );
}

function UserTable({ users, me }: { users: UserDto[]; me: string }) {
  const t = useTranslations("auth");
  const client = useQueryClient();
  const refresh = () => void client.invalidateQueries({ queryKey: ["users"] });
  const change = useMutation({
    mutationFn: (v: { id: number; body: object }) => postJson(`/api/users/${v.id}`, v.body, "PATCH"),
    onSuccess: refresh,
  });
  const remove = useMutation({ mutationFn: (id: number) => fetchJson(`/api/users/${id}`, { method: "DELETE" }), onSuccess: refresh });
  const failure = change.error ?? remove.error;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <thead className="text-xs text-zinc-500 uppercase">
          <tr>
            <th className="py-2">{t("users.user")}</th>
            <th>{t("users.role")}</th>
            <th>{t("users.added")}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id} className="border-t border-zinc-200 dark:border-zinc-800" data-user={u.name}>
              <td className="py-2 font-medium">
                {u.name}
                {u.name === me && <span className="ml-2 text-xs text-zinc-500">{t("users.you")}</span>}
              </td>
              <td>
                <select
                  aria-label={t("users.roleOf", { name: u.name })}
                  value={u.role}
                  className="rounded border border-zinc-300 bg-white px-1 py-0.5 dark:border-zinc-700 dark:bg-zinc-900"
                  onChange={(e) => change.mutate({ id: u.id, body: { role: e.target.value as Role } })}
                >
                  <option value="viewer">{t("roleName", { role: "viewer" })}</option>
                  <option value="admin">{t("roleName", { role: "admin" })}</option>
                </select>
              </td>
              <td className="text-zinc-500">
                <TimeAgo at={u.createdAt} />
              </td>
              <td className="space-x-3 text-right whitespace-nowrap">
                <button
                  type="button"
                  className="underline"
                  onClick={() => {
                    const password = window.prompt(t("users.resetPrompt", { name: u.name }));
                    if (password) change.mutate({ id: u.id, body: { password } });
                  }}
                >
                  {t("users.resetPassword")}
                </button>
                <button
                  type="button"
                  className="text-red-600 underline"
                  onClick={() => {
                    if (window.confirm(t("users.confirmRemove", { name: u.name }))) remove.mutate(u.id);
                  }}
                >
                  {t("users.remove")}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {failure && (
        <p className="mt-2 text-sm text-red-600" role="alert">
          {failure.message}
        </p>
      )}
    </div>
  );
}

function AddUser() {
  const t = useTranslations("auth.users.add");
  const client = useQueryClient();
  const [name, setName] = useState("");
  const [role, setRole] = useState<Role>("viewer");
  const [password, setPassword] = useState("");
  const add = useMutation({
    mutationFn: () => postJson<UserDto>("/api/users", { name, role, password }),
    onSuccess: () => {
      setName("");
      setPassword("");
      void client.invalidateQueries({ queryKey: ["users"] });
    },
  });
  return (
    <RequestForm className="max-w-md space-y-3" onSubmit={() => add.mutate()}>
      <h2 className="text-lg font-semibold">{t("title")}</h2>
      <Field label={t("user")} autoComplete="off" value={name} onChange={(e) => setName(e.target.value)} required />
      <label className="block text-sm">
        <span className="font-medium">{t("role")}</span>
        <select
          value={role}
          onChange={(e) => setRole(e.target.value as Role)}
          className="mt-1 block rounded border border-zinc-300 bg-white px-2 py-1.5 dark:border-zinc-700 dark:bg-zinc-900"
        >
          <option value="viewer">{t("viewer")}</option>
          <option value="admin">{t("admin")}</option>
        </select>
      </label>
      <PasswordField label={t("password")} value={password} onChange={setPassword} />
      <SubmitButton pending={add.isPending} pendingLabel={t("pending")}>
        {t("submit")}
      </SubmitButton>
      <FormError error={add.error} />
      {add.data && (
        <p className="text-sm text-emerald-700 dark:text-emerald-400" role="status">
          {t("done", { name: add.data.name, role: add.data.role })}
        </p>
      )}
    </RequestForm>
  );
}
