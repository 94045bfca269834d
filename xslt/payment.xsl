<?xml version="1.0" encoding="UTF-8"?>
<!-- 确认支付结果: succeeded, pending (waiting for the gateway's notice),
     cancelled or failed; where to go next. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:m="urn:mp:i18n"
    exclude-result-prefixes="m">
  <xsl:import href="_layout.xsl"/>

  <xsl:template match="page" mode="title">
    <xsl:call-template name="heading"/>
  </xsl:template>

  <xsl:template name="heading">
    <xsl:variable name="s" select="/page/payment/@status"/>
    <xsl:choose>
      <xsl:when test="$s = 'succeeded' and /page/payment/@outcome = 'credited_to_balance'">
        <xsl:value-of select="m:t('payment.result.credited')"/>
      </xsl:when>
      <xsl:when test="$s = 'succeeded' and /page/payment/@purpose = 'topup'">
        <xsl:value-of select="m:t('payment.result.topped_up')"/>
      </xsl:when>
      <xsl:when test="$s = 'succeeded'"><xsl:value-of select="m:t('payment.result.succeeded')"/></xsl:when>
      <xsl:when test="$s = 'pending'"><xsl:value-of select="m:t('payment.result.pending')"/></xsl:when>
      <xsl:when test="$s = 'cancelled'"><xsl:value-of select="m:t('payment.result.cancelled')"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="m:t('payment.result.failed')"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="page" mode="content">
    <xsl:variable name="p" select="payment"/>
    <xsl:variable name="o" select="payment/order"/>
    <xsl:variable name="state">
      <xsl:choose>
        <xsl:when test="$p/@status = 'succeeded'">ok</xsl:when>
        <xsl:when test="$p/@status = 'pending'">pending</xsl:when>
        <xsl:otherwise>failed</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="$o">
        <xsl:call-template name="crumbs">
          <xsl:with-param name="href1" select="'/orders'"/>
          <xsl:with-param name="text1" select="m:t('orders.title')"/>
          <xsl:with-param name="href2" select="concat('/orders/', $o/@no)"/>
          <xsl:with-param name="text2" select="$o/@no"/>
          <xsl:with-param name="here" select="m:t('steps.result')"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="crumbs">
          <xsl:with-param name="href1" select="'/account'"/>
          <xsl:with-param name="text1" select="m:t('account.title')"/>
          <xsl:with-param name="here" select="m:t('payment.purpose.topup')"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:if test="$p/@purpose = 'order'">
      <xsl:call-template name="steps"><xsl:with-param name="at" select="3"/></xsl:call-template>
    </xsl:if>
    <section class="checkout result result-{$state}">
      <p class="result-mark" aria-hidden="true">
        <xsl:choose>
          <xsl:when test="$state = 'ok'">✓</xsl:when>
          <xsl:when test="$state = 'pending'">…</xsl:when>
          <xsl:otherwise>✕</xsl:otherwise>
        </xsl:choose>
      </p>
      <h1><xsl:call-template name="heading"/></h1>
      <p class="total"><xsl:call-template name="money"><xsl:with-param name="v" select="$p/amount"/></xsl:call-template></p>

      <xsl:choose>
        <xsl:when test="$state = 'ok' and $p/@outcome = 'credited_to_balance'">
          <xsl:variable name="amount"><xsl:call-template name="money-text"><xsl:with-param name="v" select="$p/amount"/></xsl:call-template></xsl:variable>
          <p class="flash flash-info"><xsl:value-of select="m:t('payment.credited_explain', $amount)"/></p>
        </xsl:when>
        <xsl:when test="$state = 'ok' and $p/@purpose = 'topup'">
          <p><xsl:value-of select="m:t('payment.topup_done')"/></p>
        </xsl:when>
        <xsl:when test="$state = 'ok' and $o/@delivery = 'manual'">
          <p><xsl:value-of select="m:t('payment.next_steps_manual')"/></p>
          <xsl:if test="string($o/@delivery-no)">
            <p class="actions">
              <a class="button primary" href="/deliveries/{$o/@delivery-no}/requirement"><xsl:value-of select="m:t('delivery.submit_requirement')"/></a>
            </p>
          </xsl:if>
        </xsl:when>
        <xsl:when test="$state = 'ok'">
          <p><xsl:value-of select="m:t('payment.next_steps')"/></p>
        </xsl:when>
        <xsl:when test="$state = 'pending'">
          <p><xsl:value-of select="m:t('payment.pending_explain')"/></p>
        </xsl:when>
        <xsl:when test="$p/@status = 'cancelled'">
          <p><xsl:value-of select="m:t('payment.cancelled_explain')"/></p>
        </xsl:when>
        <xsl:otherwise>
          <p><xsl:value-of select="m:t('payment.failed_explain')"/></p>
        </xsl:otherwise>
      </xsl:choose>

      <dl class="kv">
        <dt><xsl:value-of select="m:t('payment.no')"/></dt>
        <dd><xsl:value-of select="$p/@no"/></dd>
        <dt><xsl:value-of select="m:t('payment.purpose')"/></dt>
        <dd>
          <xsl:call-template name="label">
            <xsl:with-param name="prefix" select="'payment.purpose.'"/>
            <xsl:with-param name="value" select="$p/@purpose"/>
          </xsl:call-template>
        </dd>
        <dt><xsl:value-of select="m:t('payment.method')"/></dt>
        <dd>
          <xsl:call-template name="label">
            <xsl:with-param name="prefix" select="'method.'"/>
            <xsl:with-param name="value" select="$p/@method"/>
          </xsl:call-template>
        </dd>
        <dt><xsl:value-of select="m:t('payment.status')"/></dt>
        <dd>
          <xsl:call-template name="status">
            <xsl:with-param name="prefix" select="'payment.status.'"/>
            <xsl:with-param name="value" select="$p/@status"/>
          </xsl:call-template>
        </dd>
        <xsl:if test="$o">
          <dt><xsl:value-of select="m:t('payment.order')"/></dt>
          <dd>
            <a href="/orders/{$o/@no}"><xsl:value-of select="$o/@no"/></a>
            <xsl:text> </xsl:text>
            <xsl:call-template name="status">
              <xsl:with-param name="prefix" select="'order.status.'"/>
              <xsl:with-param name="value" select="$o/@status"/>
            </xsl:call-template>
          </dd>
          <dt><xsl:value-of select="m:t('order.period')"/></dt>
          <dd><xsl:call-template name="period"><xsl:with-param name="months" select="$o/@months"/></xsl:call-template></dd>
        </xsl:if>
        <dt><xsl:value-of select="m:t('payment.created')"/></dt>
        <dd><xsl:call-template name="time"><xsl:with-param name="t" select="$p/@created"/></xsl:call-template></dd>
        <xsl:if test="string($p/@completed)">
          <dt><xsl:value-of select="m:t('payment.completed')"/></dt>
          <dd><xsl:call-template name="time"><xsl:with-param name="t" select="$p/@completed"/></xsl:call-template></dd>
        </xsl:if>
      </dl>

      <div class="actions">
        <xsl:choose>
          <xsl:when test="$p/@purpose = 'topup' or $p/@outcome = 'credited_to_balance'">
            <a class="button primary" href="/account"><xsl:value-of select="m:t('payment.to_account')"/></a>
          </xsl:when>
          <xsl:when test="$state = 'ok' and string($o/@instance)">
            <a class="button primary" href="/services/{$o/@instance}"><xsl:value-of select="m:t('payment.to_instance')"/></a>
          </xsl:when>
          <xsl:when test="$state = 'pending'">
            <a class="button primary" href="/payments/{$p/@no}"><xsl:value-of select="m:t('payment.refresh')"/></a>
          </xsl:when>
          <xsl:when test="$state = 'failed' and $o/@status = 'unpaid'">
            <a class="button primary" href="/orders/{$o/@no}/pay"><xsl:value-of select="m:t('payment.retry')"/></a>
          </xsl:when>
        </xsl:choose>
        <xsl:if test="$state = 'pending' and $o/@status = 'unpaid'">
          <a class="button" href="/orders/{$o/@no}/pay"><xsl:value-of select="m:t('payment.retry')"/></a>
        </xsl:if>
        <xsl:if test="$o">
          <a class="button" href="/services"><xsl:value-of select="m:t('nav.services')"/></a>
          <a class="button" href="/orders/{$o/@no}"><xsl:value-of select="m:t('nav.orders')"/></a>
        </xsl:if>
      </div>
    </section>
  </xsl:template>
</xsl:stylesheet>
