import { describe, expect, test } from "vitest";
import { DEMO, logIn, openWorkbench, setupBrowser } from "./browser";
import { signUpShopper } from "./order-flow";

// Issue 19 (pre-sale consultation), end to end in Chromium: a shopper asks on a listing (agreeing to
// publish) and sees it marked as only theirs; an agent answers it from the question queue; the Q&A then
// shows on the listing for a signed-out visitor with the asker's name masked, and the shopper is notified.

const browser = setupBrowser();
const CAR = /1:64 合金仿真小车/;

describe("pre-sale consultation", () => {
  test("a shopper asks on a listing, an agent answers from the queue, the Q&A shows to everyone", async () => {
    const pageErrors: string[] = [];
    const question = `这辆小车适合三岁孩子玩吗？编号${Date.now()}`;
    const answerText = "建议三岁以上在大人陪同下玩，小零件较多。";

    const shopperContext = await browser.context();
    const shopper = await shopperContext.newPage();
    shopper.on("pageerror", (error) => pageErrors.push(`shopper ${shopper.url()}: ${error.message}`));
    await signUpShopper(shopper, "consult");
    await shopper.goto("/c/toys");
    await shopper.getByRole("link", { name: CAR }).first().click();
    await shopper.waitForURL(/\/listings\//);
    const listingUrl = new URL(shopper.url()).pathname;
    const section = shopper.getByRole("region", { name: "商品问答" });
    await section.getByLabel("你的问题").fill(question);
    await section.getByLabel(/匿名/).check();
    await section.getByRole("button", { name: "提交问题" }).click();
    await shopper.getByText("问题已提交，代购员回复后会通知你。").waitFor();
    const mine = section.getByTestId("listing-question").filter({ hasText: question });
    await mine.waitFor();
    expect(await mine.textContent()).toContain("仅你自己可见");
    expect(await mine.textContent()).toContain("等待代购回复");

    // A visitor does not see the unanswered question.
    const visitorContext = await browser.context();
    const visitor = await visitorContext.newPage();
    visitor.on("pageerror", (error) => pageErrors.push(`visitor ${visitor.url()}: ${error.message}`));
    await visitor.goto(listingUrl);
    await visitor.getByRole("region", { name: "商品问答" }).waitFor();
    expect(await visitor.getByText(question).count()).toBe(0);

    // The agent answers from the queue, reached from the header.
    const agentContext = await browser.context();
    const agent = await agentContext.newPage();
    agent.on("pageerror", (error) => pageErrors.push(`agent ${agent.url()}: ${error.message}`));
    await logIn(agent, DEMO.agent);
    await openWorkbench(agent);
    await agent.getByRole("link", { name: "咨询队列" }).click();
    await agent.waitForURL(/\/agent\/questions/);
    const card = agent.getByTestId("queue-question").filter({ hasText: question });
    await card.getByLabel("回复", { exact: true }).fill(answerText);
    await card.getByRole("button", { name: "发送回复" }).click();
    await agent.getByText("回复已发送，已通知提问人。").waitFor();
    expect(await agent.getByTestId("queue-question").filter({ hasText: question }).count()).toBe(0);
    await agentContext.close();

    // Now public: the visitor sees the Q&A with the masked name.
    await visitor.reload();
    const shown = visitor.getByTestId("listing-question").filter({ hasText: question });
    await shown.waitFor();
    const text = (await shown.textContent()) ?? "";
    expect(text).toContain("端** 问：");
    expect(text).not.toContain("端到端买家");
    expect(text).toContain(answerText);
    expect(text).not.toContain("仅你自己可见");
    await visitorContext.close();

    // The shopper is told, naming the product, and finds the answer at /questions.
    await shopper.goto("/notifications");
    await shopper
      .getByText(/你的提问「.+」已有代购回复/)
      .first()
      .waitFor();
    await shopper.goto("/questions");
    const own = shopper.getByTestId("my-question").filter({ hasText: question });
    expect(await own.textContent()).toContain(answerText);
    expect(await own.textContent()).toContain("已公开展示在商品页");
    await shopperContext.close();
    expect(pageErrors).toEqual([]);
  });
});
