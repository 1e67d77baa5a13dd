import { useT, type MessageKey } from "~/utils/i18n";

type ToastProps = {
  toast: { kind: "success" | "error" | "info"; message: MessageKey; params?: Record<string, string | number> };
};

/** Shown once after a redirect; a polite live region so screen readers announce it. */
export function ToastMessage({ toast }: ToastProps) {
  const t = useT();
  return (
    <div className={`toast toast-${toast.kind}`} role={toast.kind === "error" ? "alert" : "status"}>
      {t(toast.message, toast.params)}
    </div>
  );
}
